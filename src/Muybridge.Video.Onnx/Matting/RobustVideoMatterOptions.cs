using Muybridge.Video.Matting;
using Muybridge.Video.Onnx.Sessions;

namespace Muybridge.Video.Onnx.Matting;

/// <summary>Settings of <see cref="RobustVideoMatter"/>.</summary>
public sealed record RobustVideoMatterOptions
{
    /// <summary>RVM's internal downsampling; null picks about 512 / the frame's longest side (its authors' advice).</summary>
    public float? DownsampleRatio { get; init; }

    /// <summary>The matte value above which a pixel counts as selected by a click.</summary>
    public float Threshold { get; init; } = 0.5f;

    /// <summary>Clean-up after the clicks select the subject (RVM's own recurrence already smooths over time).</summary>
    public MatteRefinementOptions Refinement { get; init; } = new();

    /// <summary>Providers and threads.</summary>
    public OnnxSessionOptions Session { get; init; } = OnnxSessionOptions.Cpu;
}
