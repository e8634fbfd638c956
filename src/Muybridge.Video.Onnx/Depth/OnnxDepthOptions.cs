using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Onnx.Tensors;

namespace Muybridge.Video.Onnx.Depth;

/// <summary>Settings of <see cref="OnnxDepthEstimator"/>.</summary>
public sealed record OnnxDepthOptions
{
    /// <summary>The catalogue entry whose contract the file must meet (names, ranks, input size, normalisation).</summary>
    public string CatalogName { get; init; } = "depth-anything-v2-small";

    /// <summary>Letterbox keeps the frame's proportions (the default); stretch fills the model's square input.</summary>
    public ResizeMode Resize { get; init; } = ResizeMode.Letterbox;

    /// <summary>Overrides the catalogue's input normalisation (for an export with a different one).</summary>
    public ImageTensorFormat? Format { get; init; }

    /// <summary>Fraction of the lowest and highest outputs ignored when mapping the model's relative values to 0…1.</summary>
    public float ClipFraction { get; init; } = 0.01f;

    /// <summary>Providers and threads.</summary>
    public OnnxSessionOptions Session { get; init; } = OnnxSessionOptions.Cpu;
}
