using System.Numerics.Tensors;
using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Numerics;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Compositing;

/// <summary>
/// How fast the ground passes under the subject, read from its planted feet: a hoof on the ground in two frames in a row
/// moves with the ground between them, so a background that scrolls at that speed keeps the hooves from skating.
/// </summary>
/// <remarks>
/// Muybridge's cameras stood along the track and fired as the animal passed, so the animal stays near the middle of
/// every frame and the ground slides under it. The backdrop would say how far, but a lined wall repeats: its jump between
/// cameras is only known up to a whole number of lines (the registration on the bowler plate sees −16…+57 px steps for
/// one steady gallop). A planted hoof is not ambiguous. Contacts are the parts of the matte on the ground line (the
/// lowest row the subject reaches in three frames in four; frames in flight have none); each is found again in the
/// next frame by normalised cross-correlation of its grey levels, on the ground (a lifted hoof is not) and looking
/// alike (at least <see cref="MinimumMatch"/>). Where no two such steps agree, the hooves' correlations at every shift are
/// summed: small, dark, alike feet each match several places, but only the ground's step is shared by all of them.
/// </remarks>
public static class GroundSpeed
{
    /// <summary>Correlation a contact must reach in the next frame to count as the same planted hoof.</summary>
    public const double MinimumMatch = 0.6;

    /// <summary>A step agrees with the others within this share of their median (a gait's own unevenness)…</summary>
    private const double Agreement = 0.25;

    /// <summary>…plus this many pixels (where a contact is found: a hoof rolls and its matte's edge wavers by a pixel or two).</summary>
    private const double ContactError = 2;

    /// <summary>How far the summed correlation's peak must stand over any rival shift for the hooves' consensus to count.</summary>
    private const double ClearPeak = 1.5;

    /// <summary>Measures the ground speed from matted frames (alpha on, in time order, all one size).</summary>
    /// <param name="frames">The subject's frames with its matte, e.g. from <c>Pipeline.Matte</c>.</param>
    /// <exception cref="InvalidFrameInputException">Fewer than two frames, no alpha, sizes differ, or no hoof is seen planted in two frames in a row.</exception>
    public static GroundSpeedMeasurement Measure(IReadOnlyList<Frame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count < 2)
        {
            throw new InvalidFrameInputException($"Measuring the ground speed needs at least two frames, not {frames.Count}.");
        }

        int width = frames[0].Width, height = frames[0].Height;
        foreach (var frame in frames)
        {
            if (!frame.HasAlpha)
            {
                throw new InvalidFrameInputException($"Frame {frame.Index} has no matte: the ground speed is read from the subject's planted feet, so matte the frames first.");
            }

            if (frame.Width != width || frame.Height != height)
            {
                throw new InvalidFrameInputException($"Frames differ in size ({width}x{height} and {frame.Width}x{frame.Height}).");
            }
        }

        var lowest = frames.Select(f => MatteExtent.LowestSubjectRow(f.Alpha, width, height)).Where(r => r >= 0).Order().ToArray();
        if (lowest.Length == 0)
        {
            throw new InvalidFrameInputException("The mattes are empty: there is no subject whose feet could be followed.");
        }

        var ground = lowest[(int)(0.75 * (lowest.Length - 1))];
        var band = Math.Max(2, height / 60);
        var lumas = frames.Select(f =>
        {
            var luma = new float[f.PixelCount];
            Luma.FillUnit(f.Rgb, luma);
            return luma;
        }).ToArray();

        var steps = new List<GroundStep>();
        var curves = new List<(GroundStep Best, double[] Curve)>();
        for (var k = 0; k + 1 < frames.Count; k++)
        {
            var seconds = (frames[k + 1].Timestamp - frames[k].Timestamp).TotalSeconds;
            foreach (var (left, right) in Contacts(frames[k].Alpha, width, height, ground, band))
            {
                if (Curve(frames[k].Alpha, frames[k + 1].Alpha, lumas[k], lumas[k + 1], width, height, left, right, ground, band) is { } curve && Best(curve) is { } best)
                {
                    var step = new GroundStep(k, (left + right) / 2.0, best.Dx, seconds > 0 ? best.Dx / seconds : double.NaN, best.Score);
                    curves.Add((step, curve));
                    if (best.Score >= MinimumMatch)
                    {
                        steps.Add(step);
                    }
                }
            }
        }

        // Every planted hoof moves with the same ground, so the steps must agree; a matte that loses a leg or takes in a
        // patch of ground throws some off. When fewer than two sure steps agree, the hooves' summed correlations may
        // still share one shift; failing that, the ground's own texture beside the feet gives a step per pair of frames,
        // and the hooves and the ground vote together. A lone sure step is taken last, and said to be alone.
        if (steps.Count >= 2 && Agreeing(steps) is { } hooves)
        {
            return Measurement(hooves, steps, [], ground, height);
        }

        if (Consensus(curves) is { } consensus)
        {
            return Measurement(consensus, steps, [], ground, height) with { ConsensusSteps = consensus };
        }

        var texture = GroundTexture.Steps(frames, lumas, ground, band, width / 4);
        if (Agreeing([.. steps, .. texture]) is { } both)
        {
            return Measurement(both, steps, texture, ground, height);
        }

        if (steps.Count == 1)
        {
            return Measurement(steps, steps, [], ground, height);
        }

        var textureSays = texture.Count == 0 ? "shows nothing to follow beside the feet" : $"gives steps of {List(texture)}";
        throw new InvalidFrameInputException(steps.Count == 0
            ? $"No hoof is seen planted on the ground in two frames in a row ({frames.Count} frames, ground line at row {ground}), and the ground's own texture {textureSays}, so the ground speed cannot be measured; give the scroll speed yourself."
            : $"The planted feet disagree on the ground speed (steps of {List(steps)} px per frame), and the ground's own texture {textureSays}: check the matte covers the legs and not the ground, or give the scroll speed yourself.");
    }

    private static string List(IEnumerable<GroundStep> steps) => string.Join(", ", steps.Select(s => $"{s.PixelsPerFrame:0}"));

    /// <summary>How far a step may lie from a speed of <paramref name="pixelsPerFrame"/> and still agree with it.</summary>
    /// <remarks>The two errors add: a slow animal's steps are not held to a pixel, a fast one's to a quarter of its stride.</remarks>
    internal static double Tolerance(double pixelsPerFrame) => ContactError + Agreement * Math.Abs(pixelsPerFrame);

    /// <summary>The steps within tolerance of the median, when they are at least 60 % of all (null otherwise).</summary>
    private static List<GroundStep>? Agreeing(List<GroundStep> steps)
    {
        if (steps.Count == 0)
        {
            return null;
        }

        var median = Statistics.MedianAveraged(steps.Select(s => s.PixelsPerFrame));
        var tolerance = Tolerance(median);
        var agreeing = steps.Where(s => Math.Abs(s.PixelsPerFrame - median) <= tolerance).ToList();
        return agreeing.Count >= 0.6 * steps.Count ? agreeing : null;
    }

    /// <summary>
    /// The shift the hooves' correlations share: their curves (each clipped at zero) summed, the peak taken when it stands
    /// <see cref="ClearPeak"/> times over the best shift well apart from it, with the hooves whose own best match lies
    /// there (at least two) as its steps; null otherwise.
    /// </summary>
    private static List<GroundStep>? Consensus(List<(GroundStep Best, double[] Curve)> curves)
    {
        if (curves.Count < 2)
        {
            return null;
        }

        var length = curves[0].Curve.Length;
        var reach = (length - 1) / 2;
        var sum = new double[length];
        foreach (var (_, curve) in curves)
        {
            for (var i = 0; i < length; i++)
            {
                sum[i] += double.IsNaN(curve[i]) ? 0 : Math.Max(0, curve[i]);
            }
        }

        var peak = TensorPrimitives.IndexOfMax<double>(sum);

        // A rival is a shift further off than two steps' tolerance (the peak's own shoulders are not rivals).
        var tolerance = Tolerance(peak - reach);
        var rival = 0.0;
        for (var i = 0; i < length; i++)
        {
            rival = Math.Abs(i - peak) > 2 * tolerance ? Math.Max(rival, sum[i]) : rival;
        }

        if (sum[peak] <= 0 || sum[peak] < ClearPeak * rival)
        {
            return null;
        }

        var supporting = curves.Select(c => c.Best).Where(s => s.Match > 0 && Math.Abs(s.PixelsPerFrame - (peak - reach)) <= tolerance).ToList();
        return supporting.Count >= 2 ? supporting : null;
    }

    private static GroundSpeedMeasurement Measurement(List<GroundStep> agreeing, List<GroundStep> hooves, List<GroundStep> texture, int ground, int height)
    {
        var timed = agreeing.Where(s => double.IsFinite(s.PixelsPerSecond)).Select(s => s.PixelsPerSecond).ToArray();
        return new GroundSpeedMeasurement(Statistics.MedianAveraged(agreeing.Select(s => s.PixelsPerFrame)), Statistics.MedianAveraged(timed), ground, hooves, agreeing.Count)
        {
            FrameHeight = height,
            TextureSteps = texture,
        };
    }

    /// <summary>Runs of columns where the matte covers the ground band and is at least a hoof wide.</summary>
    private static List<(int Left, int Right)> Contacts(ReadOnlySpan<byte> alpha, int width, int height, int ground, int band)
    {
        var covered = new bool[width];
        for (var y = Math.Max(0, ground - band); y <= Math.Min(height - 1, ground + band); y++)
        {
            for (var x = 0; x < width; x++)
            {
                covered[x] |= alpha[y * width + x] > 127;
            }
        }

        var contacts = new List<(int, int)>();
        for (var x = 0; x < width; x++)
        {
            if (!covered[x])
            {
                continue;
            }

            var start = x;
            while (x < width && covered[x])
            {
                x++;
            }

            // Narrower than the band is a sliver of matte edge, not a hoof.
            if (x - start >= band)
            {
                contacts.Add((start, x - 1));
            }
        }

        return contacts;
    }

    /// <summary>The shift with the best correlation in a curve, and its score (null when the hoof lands nowhere).</summary>
    private static (int Dx, double Score)? Best(double[] curve)
    {
        var reach = (curve.Length - 1) / 2;
        (int Dx, double Score)? best = null;
        for (var i = 0; i < curve.Length; i++)
        {
            if (!double.IsNaN(curve[i]) && (best is null || curve[i] > best.Value.Score))
            {
                best = (i - reach, curve[i]);
            }
        }

        return best;
    }

    /// <summary>
    /// How well the hoof over columns [left, right] matches the next frame at each horizontal shift (best over a band of
    /// vertical ones: it stays on the ground); NaN where too little of it would land on the subject. Null for a sliver.
    /// </summary>
    private static double[]? Curve(ReadOnlySpan<byte> alpha, ReadOnlySpan<byte> nextAlpha, float[] luma, float[] nextLuma, int width, int height, int left, int right, int ground, int band)
    {
        // The hoof and the pastern above it: enough texture to correlate, still low enough to stay put while planted.
        var pixels = new List<int>();
        for (var y = Math.Max(0, ground - 5 * band); y <= Math.Min(height - 1, ground + band); y++)
        {
            for (var x = Math.Max(0, left - band); x <= Math.Min(width - 1, right + band); x++)
            {
                if (alpha[y * width + x] > 127)
                {
                    pixels.Add(y * width + x);
                }
            }
        }

        if (pixels.Count < 10)
        {
            return null;
        }

        var reach = width / 4;
        var curve = new double[2 * reach + 1];
        Array.Fill(curve, double.NaN);
        for (var dy = -band; dy <= band; dy++)
        {
            for (var dx = -reach; dx <= reach; dx++)
            {
                var sums = new CorrelationSums();
                foreach (var p in pixels)
                {
                    int x = p % width + dx, y = p / width + dy;
                    if (x < 0 || x >= width || y < 0 || y >= height || nextAlpha[y * width + x] < 64)
                    {
                        continue;
                    }

                    sums.Add(luma[p], nextLuma[y * width + x]);
                }

                // Most of the hoof must land on the subject in the next frame, or the match is against the background.
                if (sums.Count < 0.7 * pixels.Count)
                {
                    continue;
                }

                var score = sums.Score;
                if (double.IsNaN(curve[dx + reach]) || score > curve[dx + reach])
                {
                    curve[dx + reach] = score;
                }
            }
        }

        return curve;
    }
}
