using Muybridge.Video.Frames;
using Muybridge.Video.Streaming;

namespace Muybridge.Video.Matting;

/// <summary>Turns each frame's alpha plane into an opaque grey picture (white = subject): the matte-only output.</summary>
public sealed class MatteView : IFrameStage
{
    /// <inheritdoc />
    public string Name => "matte view";

    /// <inheritdoc />
    public IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, CancellationToken cancellationToken)
        => PerFrame.MapAsync(frames, Render, cancellationToken);

    private static Frame Render(Frame frame) => FrameOps.GreySibling(frame, frame.HasAlpha ? frame.Alpha : default);
}
