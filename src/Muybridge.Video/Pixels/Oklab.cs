namespace Muybridge.Video.Pixels;

/// <summary>
/// Björn Ottosson's Oklab: a perceptual space where L is lightness and (a, b) colour, so colour can be moved without
/// touching the photograph's tones and distances mean what the eye sees.
/// </summary>
public static class Oklab
{
    /// <summary>Oklab of one 8-bit sRGB colour.</summary>
    public static (float L, float A, float B) FromSrgb(byte red, byte green, byte blue)
    {
        float r = SrgbLinear.ToLinear(red), g = SrgbLinear.ToLinear(green), b = SrgbLinear.ToLinear(blue);
        var l = MathF.Cbrt(0.4122214708f * r + 0.5363325363f * g + 0.0514459929f * b);
        var m = MathF.Cbrt(0.2119034982f * r + 0.6806995451f * g + 0.1073969566f * b);
        var s = MathF.Cbrt(0.0883024619f * r + 0.2817188376f * g + 0.6299787005f * b);
        return (0.2104542553f * l + 0.7936177850f * m - 0.0040720468f * s,
            1.9779984951f * l - 2.4285922050f * m + 0.4505937099f * s,
            0.0259040371f * l + 0.7827717662f * m - 0.8086757660f * s);
    }

    /// <summary>The 8-bit sRGB colour of an Oklab value (out-of-gamut colours clipped).</summary>
    public static (byte R, byte G, byte B) ToSrgb(float lightness, float a, float b)
    {
        var l = lightness + 0.3963377774f * a + 0.2158037573f * b;
        var m = lightness - 0.1055613458f * a - 0.0638541728f * b;
        var s = lightness - 0.0894841775f * a - 1.2914855480f * b;
        l = l * l * l;
        m = m * m * m;
        s = s * s * s;
        return (SrgbLinear.ToSrgb(4.0767416621f * l - 3.3077115913f * m + 0.2309699292f * s),
            SrgbLinear.ToSrgb(-1.2684380046f * l + 2.6097574011f * m - 0.3413193965f * s),
            SrgbLinear.ToSrgb(-0.0041960863f * l - 0.7034186147f * m + 1.7076147010f * s));
    }

    /// <summary>Converts an interleaved RGB frame to three Oklab planes.</summary>
    public static void FromSrgb(ReadOnlySpan<byte> rgb, Span<float> lightness, Span<float> a, Span<float> b)
    {
        for (var i = 0; i < lightness.Length; i++)
        {
            (lightness[i], a[i], b[i]) = FromSrgb(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
        }
    }

    /// <summary>Writes three Oklab planes back as interleaved RGB (out-of-gamut colours clipped).</summary>
    public static void ToSrgb(ReadOnlySpan<float> lightness, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<byte> rgb)
    {
        for (var i = 0; i < lightness.Length; i++)
        {
            (rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]) = ToSrgb(lightness[i], a[i], b[i]);
        }
    }
}
