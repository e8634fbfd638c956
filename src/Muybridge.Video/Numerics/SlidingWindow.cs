using System.Numerics.Tensors;

namespace Muybridge.Video.Numerics;

/// <summary>Running filters over a 1-D profile whose window is cut short at the ends.</summary>
internal static class SlidingWindow
{
    /// <summary>Writes into <paramref name="destination"/> the largest of <paramref name="source"/> within <paramref name="radius"/> of each place.</summary>
    public static void Max(ReadOnlySpan<float> source, Span<float> destination, int radius)
    {
        for (var i = 0; i < source.Length; i++)
        {
            var from = Math.Max(0, i - radius);
            destination[i] = TensorPrimitives.Max(source[from..(Math.Min(source.Length - 1, i + radius) + 1)]);
        }
    }
}
