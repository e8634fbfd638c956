using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;

namespace Muybridge.Video.Onnx.Tensors;

/// <summary>
/// Fits a frame into a model's fixed input (stretch, or letterbox anchored top-left with edge-repeat padding) and maps the
/// model's output planes back onto the frame.
/// </summary>
internal static class ModelImage
{
    /// <summary>Where the frame's pixels land in the tensor.</summary>
    public static PixelRect Placement(int frameWidth, int frameHeight, int tensorWidth, int tensorHeight, ResizeMode mode)
    {
        if (mode == ResizeMode.Stretch)
        {
            return new PixelRect(0, 0, tensorWidth, tensorHeight);
        }

        var scale = Math.Min((double)tensorWidth / frameWidth, (double)tensorHeight / frameHeight);
        return new PixelRect(0, 0, Math.Clamp((int)Math.Round(frameWidth * scale), 1, tensorWidth), Math.Clamp((int)Math.Round(frameHeight * scale), 1, tensorHeight));
    }

    /// <summary>Writes the frame's colour into a planar [3, tensorHeight, tensorWidth] tensor; returns the placement.</summary>
    public static PixelRect Write(Frame frame, int tensorWidth, int tensorHeight, ResizeMode mode, in ChannelAffine affine, Span<float> tensor)
    {
        var placement = Placement(frame.Width, frame.Height, tensorWidth, tensorHeight, mode);
        if (placement.Width == frame.Width && placement.Height == frame.Height)
        {
            TensorLayout.ToPlanar(frame.Rgb, frame.Width, placement, tensorWidth, tensorHeight, tensor, affine);
            return placement;
        }

        using var resized = FrameResize.Lanczos3(frame, placement.Width, placement.Height);
        TensorLayout.ToPlanar(resized.Rgb, resized.Width, new PixelRect(0, 0, placement.Width, placement.Height), tensorWidth, tensorHeight, tensor, affine);
        return placement;
    }

    /// <summary>Resamples the placement region of one output plane onto a frame-sized plane.</summary>
    public static void ReadPlane(ReadOnlySpan<float> plane, int planeWidth, int planeHeight, PixelRect placement, int tensorWidth, int tensorHeight, Span<float> target, int frameWidth, int frameHeight)
    {
        // The output may be smaller or larger than the input (e.g. a model that predicts at half resolution): scale the placement.
        var sx = (double)planeWidth / tensorWidth;
        var sy = (double)planeHeight / tensorHeight;
        var x = (int)Math.Round(placement.X * sx);
        var y = (int)Math.Round(placement.Y * sy);
        var w = Math.Clamp((int)Math.Round(placement.Width * sx), 1, planeWidth - x);
        var h = Math.Clamp((int)Math.Round(placement.Height * sy), 1, planeHeight - y);
        PlaneResampler.Bilinear(plane, planeWidth, x, y, w, h, target, frameWidth, frameHeight);
    }
}
