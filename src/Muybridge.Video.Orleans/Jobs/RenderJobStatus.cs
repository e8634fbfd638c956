namespace Muybridge.Video.Orleans.Jobs;

/// <summary>A job's progress: source frames done of the total, per silo, and each segment's attempts.</summary>
[GenerateSerializer, Immutable]
public sealed record RenderJobStatus
{
    /// <summary>The job's name.</summary>
    [Id(0)]
    public required string JobId { get; init; }

    /// <summary>Where it stands.</summary>
    [Id(1)]
    public required RenderJobState State { get; init; }

    /// <summary>Source frames whose segment is done.</summary>
    [Id(2)]
    public int FramesDone { get; init; }

    /// <summary>Source frames in the job.</summary>
    [Id(3)]
    public int FramesTotal { get; init; }

    /// <summary>Source frames done by each silo.</summary>
    [Id(4)]
    public IReadOnlyDictionary<string, int> FramesBySilo { get; init; } = new Dictionary<string, int>();

    /// <summary>Every segment, in join order.</summary>
    [Id(5)]
    public IReadOnlyList<SegmentStatus> Segments { get; init; } = [];

    /// <summary>Why the job failed (one line), when it did.</summary>
    [Id(6)]
    public string? Error { get; init; }

    /// <summary>The silo holding the job (it orchestrates and joins).</summary>
    [Id(7)]
    public string? JobSilo { get; init; }

    /// <summary>Whether the job has finished, one way or another.</summary>
    public bool IsFinished => State is RenderJobState.Completed or RenderJobState.Failed or RenderJobState.Cancelled;
}
