using Muybridge.Video.Frames;

namespace Muybridge.Video.Restoration;

/// <summary>The stride found in a sequence: its length in frames and the frame a seamless loop should start on.</summary>
/// <param name="Period">Frames per stride.</param>
/// <param name="LoopStart">Where the loop [LoopStart, LoopStart + Period) starts.</param>
/// <param name="SeamCost">How unlike a normal step the seam is (1 = as smooth as the average step between frames).</param>
public sealed record GaitCycle(int Period, int LoopStart, double SeamCost)
{
    /// <summary>
    /// Finds the stride from frame similarity: a period p whose frames i and i + p look alike (much closer than two
    /// neighbours) when the clip holds more than one stride, or the whole clip when its last frame steps into its first
    /// as smoothly as any other step (one stride, a clean loop).
    /// </summary>
    /// <exception cref="InvalidFrameInputException">Fewer than four frames, or no repeating stride.</exception>
    public static GaitCycle Detect(IReadOnlyList<Frame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count < 4)
        {
            throw new InvalidFrameInputException($"A stride needs at least 4 frames; this sequence has {frames.Count}.");
        }

        var signatures = frames.Select(FrameSignature.Of).ToArray();
        var n = signatures.Length;
        var steps = Enumerable.Range(0, n - 1).Select(i => (double)signatures[i].DistanceTo(signatures[i + 1])).OrderBy(d => d).ToArray();
        var step = steps[steps.Length / 2];
        if (step <= 0)
        {
            throw new InvalidFrameInputException("The frames do not change: there is no stride to find.");
        }

        // More than one stride: the shortest period whose frames repeat clearly better than neighbours differ.
        GaitCycle? best = null;
        for (var p = 3; p <= n / 2; p++)
        {
            double sum = 0;
            for (var i = 0; i + p < n; i++)
            {
                sum += signatures[i].DistanceTo(signatures[i + p]);
            }

            var cost = sum / (n - p) / step;
            if (cost < 0.6 && (best is null || cost < best.SeamCost - 0.05))
            {
                best = new GaitCycle(p, BestStart(signatures, p, step), cost);
            }
        }

        if (best is not null)
        {
            return best;
        }

        // One stride: the seam from the last frame to the first is an ordinary step (within twice the typical step and
        // no worse than the clip's own largest one).
        var seam = signatures[n - 1].DistanceTo(signatures[0]) / step;
        if (seam <= Math.Max(2.0, steps[^1] / step))
        {
            return new GaitCycle(n, 0, seam);
        }

        throw new InvalidFrameInputException($"No repeating stride: no period repeats the frames, and the last frame is {seam:0.0}× a normal step away from the first, more than twice a typical step and more than any step in the clip: too far to loop seamlessly.");
    }

    private static int BestStart(FrameSignature[] signatures, int period, double step)
    {
        // The loop [s, s + p) plays frame s + p − 1 then s again: start where that seam is smoothest.
        var best = 0;
        var bestCost = double.MaxValue;
        for (var s = 0; s + period <= signatures.Length; s++)
        {
            var cost = signatures[s + period - 1].DistanceTo(signatures[s]) / step;
            if (cost < bestCost)
            {
                (best, bestCost) = (s, cost);
            }
        }

        return best;
    }
}
