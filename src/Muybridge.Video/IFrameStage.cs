using Muybridge.Video.Frames;

namespace Muybridge.Video;

/// <summary>
/// One step of a pipeline. A stage takes ownership of every input frame (disposes or forwards it) and yields frames the
/// caller owns. Stages that need neighbours keep a small, bounded window so memory does not grow with the input.
/// </summary>
public interface IFrameStage
{
    /// <summary>A short name for progress and logs.</summary>
    string Name { get; }

    /// <summary>Transforms a stream of frames.</summary>
    IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, CancellationToken cancellationToken);

    /// <summary>How many frames come out for <paramref name="inputCount"/> going in, when that can be told up front.</summary>
    int? EstimateOutputCount(int? inputCount) => inputCount;
}
