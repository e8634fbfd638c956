using System.Globalization;

namespace Muybridge.Video.Imaging;

/// <summary>
/// The largest picture the library decodes, checked from the file's header before any pixel is decoded: a 439 KB PNG can
/// declare 20000×20000 pixels and take gigabytes once decoded.
/// </summary>
public static class ImageLimits
{
    /// <summary>The environment variable that sets <see cref="MaxMegapixels"/> for a process (e.g. for the CLI).</summary>
    public const string EnvironmentVariable = "MUYBRIDGE_MAX_MEGAPIXELS";

    /// <summary>The default: 100 megapixels a picture (a plate scanned at 10000×10000).</summary>
    public const double DefaultMegapixels = 100;

    private static double _max = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } text
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var configured) && configured > 0 ? configured : DefaultMegapixels;

    /// <summary>Pictures (one page of an animation) larger than this many megapixels are refused before decoding.</summary>
    public static double MaxMegapixels
    {
        get => Volatile.Read(ref _max);
        set
        {
            if (!double.IsFinite(value) || value <= 0)
            {
                throw new OptionOutOfRangeException(nameof(value), value, "The limit is a positive number of megapixels.");
            }

            Volatile.Write(ref _max, value);
        }
    }

    /// <exception cref="InvalidFrameInputException">The picture is over the limit.</exception>
    internal static void Check(string path, int width, int height)
    {
        var megapixels = (double)width * height / 1e6;
        if (megapixels > MaxMegapixels)
        {
            throw new InvalidFrameInputException($"'{Path.GetFileName(path)}' is {width}x{height} ({megapixels:0.#} megapixels), over the {MaxMegapixels:0.#}-megapixel limit for one picture; it was not decoded ({EnvironmentVariable} or ImageLimits.MaxMegapixels raises the limit).");
        }
    }
}
