namespace Muybridge.Video.Depth;

/// <summary>Settings of <see cref="GroundPlaneDepthEstimator"/>.</summary>
public sealed record GroundPlaneDepthOptions
{
    /// <summary>Nearness of the backdrop wall (Muybridge's lined wall stands at one distance). 0…1.</summary>
    public float WallNearness { get; init; } = 0.15f;

    /// <summary>Where the ground meets the wall, as a fraction of the height, when no matte says where the feet are.</summary>
    public float GroundLine { get; init; } = 0.72f;

    /// <summary>How much the subject bulges toward the camera at its centre over its silhouette edge (0 = flat cut-out).</summary>
    public float Relief { get; init; } = 0.1f;

    /// <summary>Checks every setting; throws <see cref="OptionOutOfRangeException"/> naming the first one out of range.</summary>
    public void Validate()
    {
        if (WallNearness is < 0 or > 1 || GroundLine is <= 0 or >= 1 || Relief is < 0 or > 0.5f)
        {
            throw new OptionOutOfRangeException(nameof(GroundPlaneDepthOptions), "WallNearness must be in 0…1, GroundLine in (0, 1) and Relief in 0…0.5.");
        }
    }
}
