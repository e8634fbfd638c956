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
        var grey = frame.CreateSibling();
        if (grey.HasAlpha)
        {
            grey.RemoveAlpha();
        }

        var depth = frame.Depth;
        var rgb = grey.Rgb;
        for (var i = 0; i < frame.PixelCount; i++)
        {
            var v = (byte)Math.Clamp(depth[i] * 255f + 0.5f, 0f, 255f);
            rgb[3 * i] = v;
            rgb[3 * i + 1] = v;
            rgb[3 * i + 2] = v;
        }

        return grey;
    }
}
