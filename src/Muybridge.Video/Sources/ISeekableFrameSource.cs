using Muybridge.Video.Frames;

namespace Muybridge.Video.Sources;

/// <summary>
/// A source that can start at any frame without decoding the ones before it (a folder of images, an animation's pages),
/// so a <see cref="SegmentSource"/> deep into a long clip costs only its own frames.
/// </summary>
public interface ISeekableFrameSource : IFrameSource
{
    /// <summary>The frames from position <paramref name="first"/> on, indexed and timed exactly as <see cref="IFrameSource.ReadAsync"/> gives them.</summary>
    IAsyncEnumerable<Frame> ReadFromAsync(int first, CancellationToken cancellationToken = default);
}
