namespace Muybridge.Video.Compositing;

/// <summary>
/// A shadow the matted subject casts on the ground it runs on: its silhouette laid flat behind it (squashed toward the
/// ground line and slanted away from the light), blurred, darkening the background in linear light. Without one a cut-out
/// seems to float over the new ground.
/// </summary>
public sealed record ContactShadow
{
    /// <summary>How dark the shadow is where it is darkest (0 = none, 1 = black).</summary>
    public double Opacity { get; init; } = 0.5;

    /// <summary>How flat the silhouette lies: its height on the ground as a fraction of the subject's (0…1; small = sun high).</summary>
    public double Squash { get; init; } = 0.2;

    /// <summary>Horizontal shift per pixel of height (−1…1; positive = the light from the left, the shadow falls right).</summary>
    public double Slant { get; init; } = 0.3;

    /// <summary>Blur radius of the shadow's edge, in output pixels.</summary>
    public double Softness { get; init; } = 3;

    /// <summary>
    /// Where the ground is, as a fraction of the subject frame's height from its top; null takes each frame's feet: the
    /// lowest row the matte covers with more than a stray speck, as the ground-plane depth reads them. A galloping horse
    /// airborne for a frame then lifts its shadow with it: set this to keep the ground still.
    /// </summary>
    public double? GroundLine { get; init; }

    /// <summary>Checks every setting; throws <see cref="OptionOutOfRangeException"/> naming the first one out of range.</summary>
    public void Validate()
    {
        if (!(Opacity is >= 0 and <= 1))
        {
            throw new OptionOutOfRangeException(nameof(Opacity), Opacity, "Shadow opacity must be between 0 and 1.");
        }

        if (!(Squash is > 0 and <= 1))
        {
            throw new OptionOutOfRangeException(nameof(Squash), Squash, "Shadow squash must be above 0 and at most 1.");
        }

        if (!(Slant is >= -1 and <= 1))
        {
            throw new OptionOutOfRangeException(nameof(Slant), Slant, "Shadow slant must be between −1 and 1.");
        }

        if (!(Softness is >= 0 and <= 100))
        {
            throw new OptionOutOfRangeException(nameof(Softness), Softness, "Shadow softness must be between 0 and 100 pixels.");
        }

        if (GroundLine is { } ground && !(ground is > 0 and <= 1))
        {
            throw new OptionOutOfRangeException(nameof(GroundLine), ground, "The ground line must be a fraction of the subject frame's height between 0 and 1.");
        }
    }
}
