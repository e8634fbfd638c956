namespace Muybridge.Video.Pixels;

/// <summary>sRGB ↔ linear light through lookup tables: blending and resampling in sRGB darkens edges and mixes colours wrongly.</summary>
internal static class SrgbLinear
{
    private const int EncodeSteps = 4096;
    private static readonly float[] Decode = BuildDecode();
    private static readonly byte[] Encode = BuildEncode();

    public static float ToLinear(byte value) => Decode[value];

    public static byte ToSrgb(float linear) => Encode[(int)(Math.Clamp(linear, 0f, 1f) * (EncodeSteps - 1) + 0.5f)];

    public static float ToLinearExact(double srgb) => (float)(srgb <= 0.04045 ? srgb / 12.92 : Math.Pow((srgb + 0.055) / 1.055, 2.4));

    public static double ToSrgbExact(double linear) => linear <= 0.0031308 ? linear * 12.92 : 1.055 * Math.Pow(linear, 1 / 2.4) - 0.055;

    private static float[] BuildDecode()
    {
        var table = new float[256];
        for (var i = 0; i < 256; i++)
        {
            table[i] = ToLinearExact(i / 255.0);
        }

        return table;
    }

    private static byte[] BuildEncode()
    {
        var table = new byte[EncodeSteps];
        for (var i = 0; i < EncodeSteps; i++)
        {
            table[i] = (byte)Math.Round(Math.Clamp(ToSrgbExact(i / (double)(EncodeSteps - 1)), 0, 1) * 255);
        }

        return table;
    }
}
