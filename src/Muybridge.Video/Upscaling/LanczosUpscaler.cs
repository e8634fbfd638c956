using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;
using Muybridge.Video.Streaming;

namespace Muybridge.Video.Upscaling;

/// <summary>Model-free upscaling with a Lanczos-3 kernel (alpha follows the colour). The default when no model is given.</summary>
public sealed class LanczosUpscaler : IFrameStage
{
    /// <summary>Creates the stage.</summary>
    /// <param name="scale">2 or 4.</param>
    public LanczosUpscaler(int scale = 2)
    {
        if (scale is not (2 or 4))
        {
            throw new OptionOutOfRangeException(nameof(scale), scale, "Upscaling is 2× or 4×.");
        }

        Scale = scale;
    }

    /// <summary>The factor.</summary>
    public int Scale { get; }

    /// <inheritdoc />
    public string Name => $"lanczos ×{Scale}";

    /// <inheritdoc />
    public IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, CancellationToken cancellationToken)
        => PerFrame.MapAsync(frames, frame => Upscale(frame, Scale), cancellationToken);

    /// <summary>One frame, resized to <paramref name="scale"/> times its size; index and timing are kept.</summary>
    public static Frame Upscale(Frame frame, int scale)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var result = Codec.Current.Resize(frame, frame.Width * scale, frame.Height * scale);
        PerFrame.CopyTiming(frame, result);
        return result;
    }
}
