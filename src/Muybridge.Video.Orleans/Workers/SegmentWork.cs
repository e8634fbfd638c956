using Muybridge.Video.Orleans.Jobs;

namespace Muybridge.Video.Orleans.Workers;

/// <summary>One segment to render: source frames [<see cref="Start"/>, <see cref="End"/>) of the job's input, or the whole clip.</summary>
/// <param name="JobId">The job, which names the segment's folder.</param>
/// <param name="Request">The job's render.</param>
/// <param name="Index">The segment's place in the join.</param>
/// <param name="Start">The first source frame.</param>
/// <param name="End">The source frame after the last.</param>
/// <param name="Whole">The segment is the whole clip (the recipe runs as on one machine, retiming included).</param>
/// <param name="Attempt">Which attempt at the segment this is, from 1.</param>
[GenerateSerializer, Immutable]
public sealed record SegmentWork(
    [property: Id(0)] string JobId,
    [property: Id(1)] RenderJobRequest Request,
    [property: Id(2)] int Index,
    [property: Id(3)] int Start,
    [property: Id(4)] int End,
    [property: Id(5)] bool Whole,
    [property: Id(6)] int Attempt);
