using System.Globalization;

namespace Muybridge.Video.Matting;

/// <summary>The CLI's prompt syntax: comma-separated integers, optionally "@frame".</summary>
internal static class PromptText
{
    public static (string Body, int Frame) SplitFrame(string text, string usage)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            return (text, 0);
        }

        if (!int.TryParse(text[(at + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var frame) || frame < 0)
        {
            throw new InvalidOptionException($"{usage}, not '{text}': the frame after @ is a whole number from 0.");
        }

        return (text[..at], frame);
    }

    public static int[] Integers(string text, int count, string error)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new int[parts.Length];
        if (parts.Length != count || parts.Where((p, i) => !int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i])).Any())
        {
            throw new InvalidOptionException(error);
        }

        return values;
    }
}
