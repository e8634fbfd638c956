namespace Muybridge.Video.Orleans.Jobs;

/// <summary>One segment of a job: source frames [<see cref="Start"/>, <see cref="End"/>) and every attempt at them.</summary>
/// <param name="Index">Its place in the join.</param>
/// <param name="Start">The first source frame.</param>
/// <param name="End">The source frame after the last.</param>
/// <param name="Done">Whether its frames are in place, renamed from their temporary folder.</param>
/// <param name="Silo">The silo whose frames were kept (null until done).</param>
/// <param name="Attempts">One line per finished attempt, e.g. "1: lost on silo-2 (its silo became unavailable)", "2: done on silo-3".</param>
/// <param name="RunningOn">While an attempt runs: its silo ("" until its worker has started); null otherwise.</param>
[GenerateSerializer, Immutable]
public sealed record SegmentStatus(
    [property: Id(0)] int Index,
    [property: Id(1)] int Start,
    [property: Id(2)] int End,
    [property: Id(3)] bool Done,
    [property: Id(4)] string? Silo,
    [property: Id(5)] IReadOnlyList<string> Attempts,
    [property: Id(6)] string? RunningOn);
