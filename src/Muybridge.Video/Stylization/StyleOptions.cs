namespace Muybridge.Video.Stylization;

/// <summary>
/// The three knobs of video-to-video stylization, each in 0…1.
/// </summary>
public sealed record StyleOptions
{
    /// <summary>
    /// How far colour (and, for a style model, texture) moves toward the reference: 0 leaves the frame as it is, 1 takes
    /// the reference's colours fully.
    /// </summary>
    public float StyleWeight { get; init; } = 0.85f;

    /// <summary>
    /// How much of the original's structure survives: the fraction of the output's lightness taken from the input frame's
    /// own lightness (the rest follows the reference's tonal range), and, when frames carry depth, how strongly nearness
    /// shapes colour (far things paler, as air makes them). 1 keeps every tone of the photograph.
    /// </summary>
    public float StructureConsistency { get; init; } = 0.8f;

    /// <summary>
    /// Temporal smoothing along the optical flow of the input frames: the share of each pixel's colour carried over from the
    /// previous output where the picture did not change there (a change of exposure between the photographs and their grain
    /// do not count as change; elsewhere the pull is bounded by a step under a just-noticeable difference), and the share of
    /// each exposure jump between the photographs that is evened out. Style models carry lightness too; the colorizer's
    /// lightness moves only by that bounded step, so the photographs' own detail stays. 0 styles every frame on its own
    /// (and lets it flicker).
    /// </summary>
    public float FrameConsistency { get; init; } = 0.85f;

    /// <summary>
    /// The clip loops (its last frame leads back into its first, as <c>Interpolate(loop: true)</c> makes it): the memory
    /// behind <see cref="FrameConsistency"/> is primed with the clip's end, so colour does not jump at the seam. The stage
    /// then holds the whole clip before its first frame comes out.
    /// </summary>
    public bool Loop { get; init; }

    /// <summary>Checks every setting; throws <see cref="OptionOutOfRangeException"/> naming the first one out of range.</summary>
    public void Validate()
    {
        Check(StyleWeight, nameof(StyleWeight));
        Check(StructureConsistency, nameof(StructureConsistency));
        Check(FrameConsistency, nameof(FrameConsistency));
    }

    private static void Check(float value, string name)
    {
        if (!(value >= 0f && value <= 1f))
        {
            throw new OptionOutOfRangeException(name, value, $"{name} is a fraction from 0 to 1, not {value}.");
        }
    }
}
