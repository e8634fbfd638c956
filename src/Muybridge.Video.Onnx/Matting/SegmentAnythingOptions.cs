using Muybridge.Video.Matting;
using Muybridge.Video.Onnx.Sessions;

namespace Muybridge.Video.Onnx.Matting;

/// <summary>Settings of <see cref="SegmentAnythingMatter"/>.</summary>
public sealed record SegmentAnythingOptions
{
    /// <summary>Clean-up after the decoder's mask (edges, holes, temporal smoothing).</summary>
    public MatteRefinementOptions Refinement { get; init; } = new();

    /// <summary>Providers and threads, for both the encoder and the decoder.</summary>
    public OnnxSessionOptions Session { get; init; } = OnnxSessionOptions.Cpu;
}
