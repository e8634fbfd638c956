using Microsoft.Extensions.Logging;

namespace Muybridge.Video.Onnx.Sessions;

/// <summary>How a model's ONNX Runtime session is created: which providers to try, in order, and what to do when one is missing.</summary>
public sealed record OnnxSessionOptions
{
    /// <summary>Providers to try, best first. The first that loads runs the model.</summary>
    public IReadOnlyList<ExecutionProvider> Providers { get; init; } = [ExecutionProvider.Cpu];

    /// <summary>
    /// When no listed provider loads: true falls back to the CPU and logs a warning; false throws
    /// <see cref="ProviderUnavailableException"/>.
    /// </summary>
    public bool FallbackToCpu { get; init; } = true;

    /// <summary>GPU index for CUDA, DirectML and TensorRT.</summary>
    public int DeviceId { get; init; }

    /// <summary>CPU threads for one model run (0 lets ONNX Runtime choose).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Receives which provider was asked for and which one loaded.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>The CPU with no fallback question.</summary>
    public static OnnxSessionOptions Cpu { get; } = new();
}
