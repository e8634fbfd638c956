namespace Muybridge.Video.Restoration;

/// <summary>What <see cref="RestorationPipelineExtensions.Restore"/> does, in this order.</summary>
public sealed record RestoreOptions
{
    /// <summary>Collapse frames the camera repeated (a plate's duplicated cells, a video's held frames).</summary>
    public bool CollapseDuplicates { get; init; } = true;

    /// <summary>Line every backdrop up with the first frame's (plates: each cell had its own camera).</summary>
    public bool Register { get; init; } = true;

    /// <summary>Even out exposure from frame to frame.</summary>
    public bool EvenTone { get; init; } = true;

    /// <summary>Repair dust and scratches that show on one frame only.</summary>
    public bool RepairSpecks { get; init; } = true;
}
