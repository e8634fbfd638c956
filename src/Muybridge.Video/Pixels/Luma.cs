namespace Muybridge.Video.Pixels;

/// <summary>
/// Rec. 601 luma, the one grey every stage reads: motion, matting, restoration, quality. Written once here so that a
/// stage's grey and another's never drift apart.
/// </summary>
internal static class Luma
{
    private const float R = 0.299f, G = 0.587f, B = 0.114f;

    /// <summary>Luma of one pixel, on the channels' own scale (bytes: 0…255).</summary>
    public static float Of(float r, float g, float b) => R * r + G * g + B * b;

    /// <summary>Luma in 0…255 of pixel <paramref name="pixel"/> of interleaved RGB.</summary>
    public static float At(ReadOnlySpan<byte> rgb, int pixel) => Of(rgb[3 * pixel], rgb[3 * pixel + 1], rgb[3 * pixel + 2]);

    /// <summary>Luma in 0…255, in double precision, for statistics summed over whole frames.</summary>
    public static double Precise(double r, double g, double b) => 0.299 * r + 0.587 * g + 0.114 * b;

    /// <summary>Luma in 0…255 of every pixel of interleaved RGB.</summary>
    public static void Fill(ReadOnlySpan<byte> rgb, Span<float> luma)
    {
        for (int i = 0, s = 0; i < luma.Length; i++, s += 3)
        {
            luma[i] = R * rgb[s] + G * rgb[s + 1] + B * rgb[s + 2];
        }
    }

    /// <summary>Luma in 0…1 of every pixel of interleaved RGB (the weights scaled by 1/255 first, as the unit-range stages always had them).</summary>
    public static void FillUnit(ReadOnlySpan<byte> rgb, Span<float> luma)
    {
        const float r = R / 255, g = G / 255, b = B / 255;
        for (int i = 0, s = 0; i < luma.Length; i++, s += 3)
        {
            luma[i] = r * rgb[s] + g * rgb[s + 1] + b * rgb[s + 2];
        }
    }
}
