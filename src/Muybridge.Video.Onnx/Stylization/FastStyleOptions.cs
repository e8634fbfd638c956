using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Stylization;

namespace Muybridge.Video.Onnx.Stylization;

/// <summary>Settings of <see cref="FastStyleStylizer"/>.</summary>
public sealed record FastStyleOptions
{
    /// <summary>The style knobs, the same as the model-free stylizer's (style weight, structure, frame consistency, loop).</summary>
    public StyleOptions Style { get; init; } = new();

    /// <summary>Providers and threads.</summary>
    public OnnxSessionOptions Session { get; init; } = OnnxSessionOptions.Cpu;
}
