using Muybridge.Video.Onnx.Sessions;

namespace Muybridge.Video.Onnx.Interpolation;

/// <summary>Settings of <see cref="RifeInterpolator"/>.</summary>
public sealed record RifeOptions
{
    /// <summary>
    /// Frames are padded (edge pixels repeated) to a multiple of this: 32 for RIFE 4.x at scale 1, 64 for exports made
    /// with scale 0.5 (UHD).
    /// </summary>
    public int Alignment { get; init; } = 32;

    /// <summary>Providers and threading for the session.</summary>
    public OnnxSessionOptions Session { get; init; } = OnnxSessionOptions.Cpu;
}
