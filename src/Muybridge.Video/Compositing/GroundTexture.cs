using Muybridge.Video.Frames;
using Muybridge.Video.Numerics;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Compositing;

/// <summary>
/// The ground's own steps from frame to frame, read from its texture beside the feet. In each frame the strip of ground
/// around the row the feet stand on, with the subject (and a band around it) masked out, is folded into one profile
/// across the width — column means, less the slow shading — and the next frame's profile is slid along it; the best fit
/// is the ground's step. Dirt, stones and the marks on a foot board do not repeat as a ruled wall does. Heard when the
/// planted hooves disagree: a hoof is on the animal's own plane and is preferred, the strip may hold the animal's shadow.
/// </summary>
internal static class GroundTexture
{
    /// <summary>One step per pair of frames whose strips overlap over a third of the width (Column: the strip's middle).</summary>
    public static List<GroundStep> Steps(IReadOnlyList<Frame> frames, float[][] lumas, int ground, int band, int reach)
    {
        int width = frames[0].Width, height = frames[0].Height;
        var top = Math.Max(0, ground - 2 * band);
        var bottom = Math.Min(height - 1, ground + 2 * band);
        var profiles = frames.Select((f, k) => Profile(f.Alpha, lumas[k], width, height, top, bottom, band)).ToArray();
        var steps = new List<GroundStep>();
        for (var k = 0; k + 1 < frames.Count; k++)
        {
            if (Step(profiles[k], profiles[k + 1], reach) is { } step)
            {
                var seconds = (frames[k + 1].Timestamp - frames[k].Timestamp).TotalSeconds;
                steps.Add(new GroundStep(k, width / 2.0, step.Dx, seconds > 0 ? step.Dx / seconds : double.NaN, step.Score));
            }
        }

        return steps;
    }

    /// <summary>The shift of the next profile that fits this one best (normalised cross-correlation over the columns both keep).</summary>
    private static (int Dx, double Score)? Step((float[] Values, bool[] Valid) profile, (float[] Values, bool[] Valid) next, int reach)
    {
        var width = profile.Values.Length;
        (int Dx, double Score)? best = null;
        for (var dx = -reach; dx <= reach; dx++)
        {
            var sums = new CorrelationSums();
            for (var x = Math.Max(0, -dx); x < Math.Min(width, width - dx); x++)
            {
                if (profile.Valid[x] && next.Valid[x + dx])
                {
                    sums.Add(profile.Values[x], next.Values[x + dx]);
                }
            }

            // Too little ground in common says nothing.
            if (sums.Count < width / 3)
            {
                continue;
            }

            var score = sums.Score;
            if (best is null || score > best.Value.Score)
            {
                best = (dx, score);
            }
        }

        // A strip without texture fits every shift equally (not at all).
        return best is { Score: > 0 } ? best : null;
    }

    /// <summary>Column means of luma over rows [top, bottom] clear of the subject, less a running mean; valid where half the rows are clear.</summary>
    private static (float[] Values, bool[] Valid) Profile(ReadOnlySpan<byte> alpha, float[] luma, int width, int height, int top, int bottom, int margin)
    {
        // The matte's fringe and whatever of the subject it missed sit next to it and move with the subject, not the ground.
        // Only the strip and a margin's rows above and below it can reach the strip when grown.
        var first = Math.Max(0, top - margin);
        var rowsGrown = Math.Min(height - 1, bottom + margin) - first + 1;
        var subject = new bool[width * rowsGrown];
        for (var i = 0; i < subject.Length; i++)
        {
            subject[i] = alpha[first * width + i] >= 64;
        }

        MaskMorphology.Morph(subject, width, rowsGrown, margin, dilate: true);
        var sum = new double[width];
        var count = new int[width];
        for (var y = top; y <= bottom; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (!subject[(y - first) * width + x])
                {
                    sum[x] += luma[y * width + x];
                    count[x]++;
                }
            }
        }

        var rows = bottom - top + 1;
        var valid = new bool[width];
        var mean = new float[width];
        for (var x = 0; x < width; x++)
        {
            valid[x] = 2 * count[x] >= rows;
            mean[x] = valid[x] ? (float)(sum[x] / count[x]) : 0;
        }

        // Shading across the picture (vignetting, a plate's uneven exposure) would pull every pair toward a step of 0.
        var radius = Math.Max(2, width / 32);
        var values = new float[width];
        for (var x = 0; x < width; x++)
        {
            if (!valid[x])
            {
                continue;
            }

            double s = 0;
            var c = 0;
            for (var j = Math.Max(0, x - radius); j <= Math.Min(width - 1, x + radius); j++)
            {
                if (valid[j])
                {
                    s += mean[j];
                    c++;
                }
            }

            values[x] = mean[x] - (float)(s / c);
        }

        return (values, valid);
    }
}
