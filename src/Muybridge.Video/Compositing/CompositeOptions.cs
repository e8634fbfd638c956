namespace Muybridge.Video.Compositing;

/// <summary>Where the subject goes on the output canvas.</summary>
public sealed record CompositeOptions
{
    /// <summary>Output width; null keeps the subject frame's width.</summary>
    public int? Width { get; init; }

    /// <summary>Output height; null keeps the subject frame's height.</summary>
    public int? Height { get; init; }

    /// <summary>Height of the subject frame as a fraction of the output height (1 fills it).</summary>
    public double SubjectScale { get; init; } = 1;

    /// <summary>Horizontal centre of the subject frame, as a fraction of the output width.</summary>
    public double CenterX { get; init; } = 0.5;

    /// <summary>Bottom edge of the subject frame, as a fraction of the output height (1 stands it on the bottom edge).</summary>
    public double Baseline { get; init; } = 1;

    /// <summary>Softens the matte edge by a blur of this radius in output pixels (0 keeps it as it is).</summary>
    public double Feather { get; init; }

    /// <summary>A shadow the subject casts on the ground (null: none).</summary>
    public ContactShadow? Shadow { get; init; }

    /// <summary>
    /// Where the matte is partly transparent, take the subject's colour from the opaque subject around it (see
    /// <c>EdgeColour</c>) instead of the pixel's own, which still holds the old backdrop: no pale outline from a matte cut
    /// out of its photograph. Off for cut-outs whose edge colours are already the subject's (a keyed or painted matte).
    /// </summary>
    public bool RecoverEdgeColour { get; init; }

    /// <summary>Frames composited at once (the stage is stateless, so frames are independent); 1 for one thread.</summary>
    public int DegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
