using Muybridge.Video.Pixels;

namespace Muybridge.Video.Motion;

/// <summary>The backdrop's motion in a flow field: the median of each component over an even sample of the pixels.</summary>
internal static class DominantMotion
{
    /// <summary>Median (u, v) over about <paramref name="samples"/> evenly spaced pixels; <paramref name="scratch"/> is grown as needed and kept.</summary>
    public static (float U, float V) Median(FlowField flow, int samples, ref float[] scratch)
    {
        var n = flow.Width * flow.Height;
        var step = Math.Max(1, n / samples);
        var count = (n + step - 1) / step;
        ScratchBuffer.Ensure(ref scratch, count);
        var sample = scratch.AsSpan(0, count);
        return (Median(flow.U, step, sample), Median(flow.V, step, sample));
    }

    private static float Median(ReadOnlySpan<float> values, int step, Span<float> sample)
    {
        for (var k = 0; k < sample.Length; k++)
        {
            sample[k] = values[k * step];
        }

        sample.Sort();
        return sample[sample.Length / 2];
    }
}
