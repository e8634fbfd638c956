namespace Muybridge.Video.Matting;

/// <summary>
/// A box drawn around the subject on frame <paramref name="Frame"/> of the clip: what lies outside is backdrop (GrabCut's
/// rectangle). It follows the subject with the flow like the clicks do.
/// </summary>
/// <param name="X">Left edge in pixels.</param>
/// <param name="Y">Top edge in pixels.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Frame">The position in the clip of the frame the box was drawn on.</param>
public readonly record struct BoxPrompt(int X, int Y, int Width, int Height, int Frame = 0)
{
    /// <summary>Parses "x,y,width,height" or "x,y,width,height@frame" (as the CLI's --box takes it).</summary>
    /// <exception cref="InvalidOptionException">The text is not four integers, with an optional @frame.</exception>
    public static BoxPrompt Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string usage = "A box is written x,y,width,height or x,y,width,height@frame in pixels (for example 20,40,300,200)";
        var (body, frame) = PromptText.SplitFrame(text, usage);
        var v = PromptText.Integers(body, 4, $"{usage}, not '{text}'.");
        return new BoxPrompt(v[0], v[1], v[2], v[3], frame);
    }

    /// <summary>Throws unless the box has area and lies inside a frame of the given size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The box is empty or reaches outside the frame.</exception>
    public void EnsureInside(int width, int height)
    {
        if (Width <= 0 || Height <= 0 || X < 0 || Y < 0 || X + Width > width || Y + Height > height)
        {
            throw new OptionOutOfRangeException(nameof(width), $"Box ({X},{Y},{Width}x{Height}) does not lie inside the {width}x{height} frame.");
        }
    }
}
