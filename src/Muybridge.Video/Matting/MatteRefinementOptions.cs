namespace Muybridge.Video.Matting;

/// <summary>
/// How a matte is cleaned up after it is made. Every step is optional; they run in this order: guided filter, hole fill,
/// small-island removal, grow/shrink, feather, temporal smoothing.
/// </summary>
public sealed record MatteRefinementOptions
{
    /// <summary>
    /// Radius in pixels of the guided filter that snaps the matte's edge to the image's edges (0 = off, the default: on
    /// the horse-in-motion set, whose true matte is itself soft, radius 4 cost 0.02 IoU).
    /// </summary>
    public int GuidedRadius { get; init; }

    /// <summary>The guided filter's regularisation: larger smooths more across weak image edges (image in 0…1).</summary>
    public float GuidedEpsilon { get; init; } = 1e-3f;

    /// <summary>Make transparent holes enclosed by the subject opaque.</summary>
    public bool FillHoles { get; init; } = true;

    /// <summary>Drop opaque specks smaller than this fraction of the frame's area (0 = keep all).</summary>
    public float MinIslandFraction { get; init; } = 0.0005f;

    /// <summary>Pixels to grow (positive, dilate) or shrink (negative, erode) the matte by.</summary>
    public int Grow { get; init; }

    /// <summary>Gaussian-like feather radius in pixels applied to the final edge (0 = off).</summary>
    public float Feather { get; init; }

    /// <summary>
    /// 0…1: how much of the previous frame's matte to keep where the image did not change there. Moving parts (fast legs)
    /// change the image and so take the new matte at once: smoothing without lag.
    /// </summary>
    public float TemporalSmoothing { get; init; }

    /// <summary>
    /// The clip loops (last frame back to the first): temporal smoothing starts from the clip's end, so the first frame's
    /// matte is held against the last one's, as every other frame is against its predecessor, and the seam does not
    /// jump. Holds the clip in memory; nothing changes without <see cref="TemporalSmoothing"/>.
    /// </summary>
    public bool Loop { get; init; }

    /// <summary>No refinement at all.</summary>
    public static MatteRefinementOptions None { get; } = new() { GuidedRadius = 0, FillHoles = false, MinIslandFraction = 0 };

    /// <summary>
    /// A matter that refines frame by frame as it goes cannot prime on the clip's end; with <see cref="Loop"/> it refines
    /// without the temporal step and leaves that to a <see cref="MatteRefiner"/> over its output (null: nothing to split).
    /// </summary>
    internal (MatteRefinementOptions PerFrame, MatteRefinementOptions? LoopSmoothing) SplitForLoop()
        => Loop && TemporalSmoothing > 0
            ? (this with { TemporalSmoothing = 0, Loop = false }, None with { TemporalSmoothing = TemporalSmoothing, Loop = true })
            : (this, null);

    /// <summary>Checks every setting; throws <see cref="OptionOutOfRangeException"/> naming the first one out of range.</summary>
    public void Validate()
    {
        if (GuidedRadius < 0 || GuidedEpsilon <= 0 || MinIslandFraction is < 0 or > 0.5f || Feather < 0 || TemporalSmoothing is < 0 or > 1 || Math.Abs(Grow) > 100)
        {
            throw new OptionOutOfRangeException(nameof(MatteRefinementOptions), "GuidedRadius ≥ 0, GuidedEpsilon > 0, MinIslandFraction in 0…0.5, Feather ≥ 0, TemporalSmoothing in 0…1, |Grow| ≤ 100.");
        }
    }
}
