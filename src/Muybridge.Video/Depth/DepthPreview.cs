using Muybridge.Video.Frames;

namespace Muybridge.Video.Depth;

/// <summary>Turns each frame's depth plane into a grey picture (white = near) for writing and looking at.</summary>
public sealed class DepthPreview : IFrameStage
{
    /// <inheritdoc />
    public string Name => "depth preview";

    /// <inheritdoc />
    public IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, CancellationToken cancellationToken)
        => PerFrame.MapAsync(frames, Render, cancellationToken);

    private static Frame Render(Frame frame)
    {
        var depth = frame.Depth.ToArray();
        return FrameOps.GreySibling(frame, i => (byte)Math.Clamp(depth[i] * 255f + 0.5f, 0f, 255f));
    }
}
