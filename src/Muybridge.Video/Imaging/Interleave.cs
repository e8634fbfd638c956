namespace Muybridge.Video.Imaging;

/// <summary>Moves between interleaved RGBA (what codecs speak) and RGB plus a separate alpha plane (what frames hold).</summary>
internal static class Interleave
{
    public static void SplitRgba(ReadOnlySpan<byte> rgba, Span<byte> rgb, Span<byte> alpha)
    {
        var pixels = alpha.Length;
        for (int i = 0, s = 0, d = 0; i < pixels; i++, s += 4, d += 3)
        {
            rgb[d] = rgba[s];
            rgb[d + 1] = rgba[s + 1];
            rgb[d + 2] = rgba[s + 2];
            alpha[i] = rgba[s + 3];
        }
    }

    /// <summary>Merges colour and alpha; an empty <paramref name="alpha"/> means opaque.</summary>
    public static void MergeRgba(ReadOnlySpan<byte> rgb, ReadOnlySpan<byte> alpha, Span<byte> rgba)
    {
        var pixels = rgb.Length / 3;
        var opaque = alpha.IsEmpty;
        for (int i = 0, s = 0, d = 0; i < pixels; i++, s += 3, d += 4)
        {
            rgba[d] = rgb[s];
            rgba[d + 1] = rgb[s + 1];
            rgba[d + 2] = rgb[s + 2];
            rgba[d + 3] = opaque ? (byte)255 : alpha[i];
        }
    }
}
