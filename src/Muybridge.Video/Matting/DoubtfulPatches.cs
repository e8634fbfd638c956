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
            MaskMorphology.Open(core, width, height, reach);
            for (var i = 0; i < n; i++)
            {
                core[i] &= doubt[i];
            }

            var sizes = new List<int>();
            MaskMorphology.Regions(core, width, height, labels, sizes);
            var patches = Patches(frame, labels, sizes);

            // Every patch is judged on the model's matte as it came, then the ones that go are cut in one pass.
            var cutting = new bool[sizes.Count];
            var anyCut = false;
            for (var label = 0; label < sizes.Count; label++)
            {
                cutting[label] = sizes[label] >= 0.002 * n && LooksLikeBackdrop(frame, matte, patches[label], reach);
                anyCut |= cutting[label];
            }

            var cut = 0;
            for (var i = 0; anyCut && i < n; i++)
            {
                if (labels[i] >= 0 && cutting[labels[i]])
                {
                    matte[i] = 0f;
                    cut++;
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

    private readonly record struct Patch(int X0, int Y0, int X1, int Y1, double R, double G, double B, int Count);

    // Each patch's box and mean colour, from one pass over the labels.
    private static Patch[] Patches(Frame frame, int[] labels, List<int> sizes)
    {
        int width = frame.Width, height = frame.Height;
        var patches = new Patch[sizes.Count];
        Array.Fill(patches, new Patch(width, height, -1, -1, 0, 0, 0, 0));
        var rgb = frame.Rgb;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                if (labels[i] < 0)
                {
                    continue;
                }

                ref var p = ref patches[labels[i]];
                p = new Patch(Math.Min(p.X0, x), Math.Min(p.Y0, y), Math.Max(p.X1, x), Math.Max(p.Y1, y), p.R + rgb[3 * i], p.G + rgb[3 * i + 1], p.B + rgb[3 * i + 2], p.Count + 1);
            }
        }

        return patches;
    }

    // Compares the patch's mean colour with the sure subject and the sure backdrop around it (within a third of its size,
    // at least three reaches, of its box): true when both were seen there and it is clearly the backdrop's.
    private static bool LooksLikeBackdrop(Frame frame, Span<float> matte, Patch patch, int reach)
    {
        int width = frame.Width, height = frame.Height;

        // The ring grows with the patch, so a large one still meets enough of both.
        var ring = Math.Max(3 * reach, Math.Max(patch.X1 - patch.X0, patch.Y1 - patch.Y0) / 3);
        double sr = 0, sg = 0, sb = 0, br = 0, bg = 0, bb = 0;
        int subjects = 0, backdrops = 0;
        var rgb = frame.Rgb;
        for (var y = Math.Max(0, patch.Y0 - ring); y <= Math.Min(height - 1, patch.Y1 + ring); y++)
        {
            for (var x = Math.Max(0, patch.X0 - ring); x <= Math.Min(width - 1, patch.X1 + ring); x++)
            {
                var i = y * width + x;
                if (matte[i] >= SureSubject)
                {
                    (sr, sg, sb, subjects) = (sr + rgb[3 * i], sg + rgb[3 * i + 1], sb + rgb[3 * i + 2], subjects + 1);
                }
                else if (matte[i] <= SureBackdrop)
                {
                    (br, bg, bb, backdrops) = (br + rgb[3 * i], bg + rgb[3 * i + 1], bb + rgb[3 * i + 2], backdrops + 1);
                }
            }
        }

        if (subjects < patch.Count / 4 || backdrops < patch.Count / 4)
        {
            return false;
        }

        var (r, g, b) = (patch.R / patch.Count, patch.G / patch.Count, patch.B / patch.Count);
        var toSubject = Square(r - sr / subjects) + Square(g - sg / subjects) + Square(b - sb / subjects);
        var toBackdrop = Square(r - br / backdrops) + Square(g - bg / backdrops) + Square(b - bb / backdrops);

        // Clearly the backdrop's: at most half as far from it as from the subject. A pale marking on a dark coat over a
        // mid-grey wall lies nearer the wall than the coat, but not by that much.
        return toBackdrop <= 0.25 * toSubject;
    }

    private static double Square(double v) => v * v;
}
