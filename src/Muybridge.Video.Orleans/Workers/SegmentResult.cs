namespace Muybridge.Video.Orleans.Workers;

/// <summary>A finished segment.</summary>
/// <param name="Silo">The silo that rendered its frames.</param>
/// <param name="AlreadyDone">An earlier attempt's frames were in place already (that attempt's silo was lost after it finished).</param>
[GenerateSerializer, Immutable]
public sealed record SegmentResult([property: Id(0)] string Silo, [property: Id(1)] bool AlreadyDone);
