using Muybridge.Video.Onnx.Sessions;

namespace Muybridge.Video.Onnx;

/// <summary>
/// What every ONNX adapter is besides its stage (an <see cref="IFrameStage"/>, an interpolator, a depth estimator): where
/// its model runs, and native sessions to release.
/// </summary>
public interface IOnnxStage : IDisposable
{
    /// <summary>The provider that runs the model (the image encoder, for a model in two parts).</summary>
    ExecutionProvider ActiveProvider { get; }
}
