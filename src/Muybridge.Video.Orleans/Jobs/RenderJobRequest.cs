namespace Muybridge.Video.Orleans.Jobs;

/// <summary>
/// A render for the cluster: the same arguments <c>muybridge render</c> takes (input, recipe, outputs), run from
/// <see cref="WorkingDirectory"/>, a folder every silo reaches at the same path.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RenderJobRequest
{
    /// <summary><c>muybridge render</c>'s arguments, as a user types them (paths relative to <see cref="WorkingDirectory"/>).</summary>
    [Id(0)]
    public required IReadOnlyList<string> RenderArguments { get; init; }

    /// <summary>Where relative paths start; it must be the same shared folder on every silo.</summary>
    [Id(1)]
    public required string WorkingDirectory { get; init; }

    /// <summary>Frames the input holds (the job splits them into segments).</summary>
    [Id(2)]
    public required int SourceFrames { get; init; }

    /// <summary>
    /// Source frames per segment; 0 (or a recipe that carries memory from the clip's start, such as click tracking or
    /// a looping seam) renders the clip as one segment.
    /// </summary>
    [Id(3)]
    public int SegmentFrames { get; init; }
}
