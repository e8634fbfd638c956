using Muybridge.Video.Frames;

namespace Muybridge.Video.Matting;

/// <summary>Turns each frame's alpha plane into an opaque grey picture (white = subject): the matte-only output.</summary>
public sealed class MatteView : IFrameStage
{
    /// <inheritdoc />
    public string Name => "matte view";

    /// <inheritdoc />
    public IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, CancellationToken cancellationToken)
        => PerFrame.MapAsync(frames, Render, cancellationToken);

    private static Frame Render(Frame frame)
    {
        var view = frame.CreateSibling();
        if (view.HasAlpha)
        {
            view.RemoveAlpha();
        }

        var rgb = view.Rgb;
        if (!frame.HasAlpha)
        {
            rgb.Fill(255);
            return view;
        }

        var alpha = frame.Alpha;
        for (var i = 0; i < frame.PixelCount; i++)
        {
            rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = alpha[i];
        }

        return view;
    }
}
