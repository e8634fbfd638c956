using Muybridge.Video.Frames;

namespace Muybridge.Video;

/// <summary>
/// One step of a pipeline. A stage takes ownership of every input frame (disposes or forwards it) and yields frames the
/// caller owns. Stages that need neighbours keep a small, bounded window so memory does not grow with the input.
/// A stage is disposable through this interface, so whoever holds one releases what it owns (an ONNX session) without
/// knowing its type; the model-free stages own nothing native and their disposal does nothing.
/// </summary>
public interface IFrameStage : IDisposable
{
    /// <summary>A short name for progress and logs.</summary>
    string Name { get; }

    /// <summary>Transforms a stream of frames.</summary>
    IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, CancellationToken cancellationToken);

    /// <summary>How many frames come out for <paramref name="inputCount"/> going in, when that can be told up front.</summary>
    int? EstimateOutputCount(int? inputCount) => inputCount;

    /// <summary>Releases native resources; nothing to release by default.</summary>
    void IDisposable.Dispose() => GC.SuppressFinalize(this);
}
