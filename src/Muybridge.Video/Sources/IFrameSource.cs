using Muybridge.Video.Frames;

namespace Muybridge.Video.Sources;

/// <summary>Where frames come from. Reading streams: frames are decoded one at a time as the consumer asks.</summary>
public interface IFrameSource : IAsyncDisposable
{
    /// <summary>Size, count and rate, known before the first frame is decoded.</summary>
    FrameSourceInfo Info { get; }

    /// <summary>Streams the frames in order; each returned frame is owned by the caller. May be enumerated more than once.</summary>
    IAsyncEnumerable<Frame> ReadAsync(CancellationToken cancellationToken = default);
}
