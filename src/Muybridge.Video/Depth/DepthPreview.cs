using Muybridge.Video.Frames;
using Muybridge.Video.Pixels;
using Muybridge.Video.Streaming;

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
        var levels = PlanePool<byte>.Shared.Rent(frame.PixelCount);
        try
        {
            var depth = frame.Depth;
            for (var i = 0; i < frame.PixelCount; i++)
            {
                levels[i] = (byte)Math.Clamp(depth[i] * 255f + 0.5f, 0f, 255f);
            }

            return FrameOps.GreySibling(frame, levels.AsSpan(0, frame.PixelCount));
        }
        finally
        {
            PlanePool<byte>.Shared.Return(levels);
        }
    }
}
