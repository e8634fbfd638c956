using Muybridge.Video.Frames;

namespace Muybridge.Video.Imaging;

/// <summary>Resampling a whole frame, for stages that run a model at its own size and bring the result back.</summary>
public static class FrameResize
{
    /// <summary>
    /// A new frame of <paramref name="width"/>×<paramref name="height"/> resampled with a Lanczos3 kernel (alpha, when
    /// present, follows the colour), from the same pool and with the same index and timing; the caller owns it.
    /// </summary>
    public static Frame Lanczos3(Frame source, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (width <= 0 || height <= 0)
        {
            throw new OptionOutOfRangeException(width <= 0 ? nameof(width) : nameof(height), width <= 0 ? width : height, $"A frame cannot be resized to {width}x{height}.");
        }

        return Codec.Current.Resize(source, width, height);
    }
}
