using Muybridge.Video.Frames;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Matting;

/// <summary>
/// Patches a salient-object model was unsure of and that look like the backdrop around them: a wedge of pale wall caught
/// between an elephant's trunk and its foreleg comes out of ISNet at two-thirds alpha, where the animal itself is near
/// one. A solid region of middling alpha (what an opening keeps, so not the soft fringe of an edge or a tail's wisps)
/// whose colour lies clearly nearer the sure backdrop just around it than the sure subject just around it (at most half
/// as far) is cut.
/// </summary>
public static class DoubtfulPatches
{
    private const float SureSubject = 0.97f;
    private const float SureBackdrop = 0.1f;

    /// <summary>Cuts such patches from <paramref name="matte"/> (0…1, one value per pixel of <paramref name="frame"/>) in place; returns how many pixels were cut.</summary>
    public static int Cut(Frame frame, Span<float> matte)
    {
        ArgumentNullException.ThrowIfNull(frame);
        int width = frame.Width, height = frame.Height, n = frame.PixelCount;
        if (matte.Length < n)
        {
            throw new InvalidOptionException($"The matte holds {matte.Length} values, not frame {frame.Index}'s {n}.", nameof(matte));
        }

        var doubt = PlanePool<bool>.Shared.Rent(n);
        var core = PlanePool<bool>.Shared.Rent(n);
        var labels = PlanePool<int>.Shared.Rent(n);
        try
        {
            var any = false;
            for (var i = 0; i < n; i++)
            {
                doubt[i] = matte[i] > SureBackdrop && matte[i] < SureSubject;
                any |= doubt[i];
            }

            if (!any)
            {
                return 0;
            }

            // Patches, not fringes: what an opening of about 1 % of the frame's shorter side keeps of the doubt (an edge's
            // soft rim and a tail's wisps are thinner and go; joined to a patch, they are not judged with it).
            var reach = Math.Max(2, Math.Min(width, height) / 100);
            Array.Copy(doubt, core, n);
            MaskMorphology.Morph(core, width, height, reach, dilate: false);
            MaskMorphology.Morph(core, width, height, reach, dilate: true);
            for (var i = 0; i < n; i++)
            {
                core[i] &= doubt[i];
            }

            var sizes = new List<int>();
            MaskMorphology.Regions(core, width, height, labels, sizes);
            var cut = 0;
            for (var label = 0; label < sizes.Count; label++)
            {
                if (sizes[label] >= 0.002 * n)
                {
                    cut += Judge(frame, matte, labels, label, reach);
                }
            }

            return cut;
        }
        finally
        {
            PlanePool<bool>.Shared.Return(doubt);
            PlanePool<bool>.Shared.Return(core);
            PlanePool<int>.Shared.Return(labels);
        }
    }

    // Compares the region's mean colour with the sure subject and the sure backdrop around it (within a third of its size,
    // at least three reaches, of its box); cuts it when it is nearer the backdrop, and both were seen there.
    private static int Judge(Frame frame, Span<float> matte, int[] labels, int label, int reach)
    {
        int width = frame.Width, height = frame.Height;
        int x0 = width, y0 = height, x1 = -1, y1 = -1;
        var region = new double[3];
        var count = 0;
        var rgb = frame.Rgb;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                if (labels[i] != label)
                {
                    continue;
                }

                (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y));
                for (var c = 0; c < 3; c++)
                {
                    region[c] += rgb[3 * i + c];
                }

                count++;
            }
        }

        // The ring grows with the patch, so a large one still meets enough of both.
        var ring = Math.Max(3 * reach, Math.Max(x1 - x0, y1 - y0) / 3);
        var subject = new double[3];
        var backdrop = new double[3];
        int subjects = 0, backdrops = 0;
        for (var y = Math.Max(0, y0 - ring); y <= Math.Min(height - 1, y1 + ring); y++)
        {
            for (var x = Math.Max(0, x0 - ring); x <= Math.Min(width - 1, x1 + ring); x++)
            {
                var i = y * width + x;
                var target = matte[i] >= SureSubject ? subject : matte[i] <= SureBackdrop ? backdrop : null;
                if (target is null)
                {
                    continue;
                }

                for (var c = 0; c < 3; c++)
                {
                    target[c] += rgb[3 * i + c];
                }

                subjects += ReferenceEquals(target, subject) ? 1 : 0;
                backdrops += ReferenceEquals(target, backdrop) ? 1 : 0;
            }
        }

        if (subjects < count / 4 || backdrops < count / 4)
        {
            return 0;
        }

        double toSubject = 0, toBackdrop = 0;
        for (var c = 0; c < 3; c++)
        {
            var mean = region[c] / count;
            toSubject += Math.Pow(mean - subject[c] / subjects, 2);
            toBackdrop += Math.Pow(mean - backdrop[c] / backdrops, 2);
        }

        // Clearly the backdrop's: at most half as far from it as from the subject. A pale marking on a dark coat over a
        // mid-grey wall lies nearer the wall than the coat, but not by that much.
        if (toBackdrop > 0.25 * toSubject)
        {
            return 0;
        }

        for (var i = 0; i < frame.PixelCount; i++)
        {
            if (labels[i] == label)
            {
                matte[i] = 0f;
            }
        }

        return count;
    }
}
