using System.Globalization;

namespace Muybridge.Video.Matting;

/// <summary>
/// A click on the subject (positive) or on something to leave out (negative), in pixels of frame <paramref name="Frame"/>
/// of the clip (0 = the first). Clicks follow the subject from their frame on; a click on a later frame corrects the
/// selection from there (a leg that got lost). At least one positive click must be on the first frame.
/// </summary>
/// <param name="X">Column, from the left.</param>
/// <param name="Y">Row, from the top.</param>
/// <param name="Positive">True for "this is the subject".</param>
/// <param name="Frame">The position in the clip of the frame the click was made on.</param>
public readonly record struct PointPrompt(int X, int Y, bool Positive = true, int Frame = 0)
{
    /// <summary>Parses "x,y" or "x,y@frame" (as the CLI's --point takes it).</summary>
    /// <exception cref="InvalidOptionException">The text is not two integers separated by a comma, with an optional @frame.</exception>
    public static PointPrompt Parse(string text, bool positive = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (body, frame) = PromptText.SplitFrame(text, "A point is written x,y or x,y@frame in pixels (for example 120,80 or 120,80@5)");
        var values = PromptText.Integers(body, 2, $"A point is written x,y or x,y@frame in pixels (for example 120,80 or 120,80@5), not '{text}'.");
        return new PointPrompt(values[0], values[1], positive, frame);
    }

    /// <summary>Throws unless the point lies inside a frame of the given size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The point is outside the frame.</exception>
    public void EnsureInside(int width, int height)
    {
        if (X < 0 || Y < 0 || X >= width || Y >= height)
        {
            throw new OptionOutOfRangeException(nameof(width), $"Point ({X},{Y}) is outside the {width}x{height} frame (x in 0…{width - 1}, y in 0…{height - 1}).");
        }
    }
}
