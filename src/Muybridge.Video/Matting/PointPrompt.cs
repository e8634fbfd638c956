using System.Globalization;

namespace Muybridge.Video.Matting;

/// <summary>A click on the subject (positive) or on something to leave out (negative), in pixels of the first frame.</summary>
/// <param name="X">Column, from the left.</param>
/// <param name="Y">Row, from the top.</param>
/// <param name="Positive">True for "this is the subject".</param>
public readonly record struct PointPrompt(int X, int Y, bool Positive = true)
{
    /// <summary>Parses "x,y" (as the CLI's --point takes it).</summary>
    /// <exception cref="FormatException">The text is not two integers separated by a comma.</exception>
    public static PointPrompt Parse(string text, bool positive = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var x) || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var y))
        {
            throw new FormatException($"A point is written x,y in pixels (for example 120,80), not '{text}'.");
        }

        return new PointPrompt(x, y, positive);
    }

    /// <summary>Throws unless the point lies inside a frame of the given size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The point is outside the frame.</exception>
    public void EnsureInside(int width, int height)
    {
        if (X < 0 || Y < 0 || X >= width || Y >= height)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"Point ({X},{Y}) is outside the {width}x{height} frame (x in 0…{width - 1}, y in 0…{height - 1}).");
        }
    }
}
