namespace Muybridge.Video.Frames;

/// <summary>Geometry helpers on frame buffers: crops and canvases. Planes follow the colour.</summary>
internal static class FrameOps
{
    /// <summary>Copies a rectangle into a new frame.</summary>
    public static Frame Crop(Frame source, int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > source.Width || y + height > source.Height)
        {
            throw new OptionOutOfRangeException(nameof(x), $"Crop {width}x{height}+{x}+{y} is outside the {source.Width}x{source.Height} frame.");
        }

        var result = source.CreateSibling(width, height);
        var src = source.Rgb;
        var dst = result.Rgb;
        for (var row = 0; row < height; row++)
        {
            src.Slice(((y + row) * source.Width + x) * 3, width * 3).CopyTo(dst.Slice(row * width * 3, width * 3));
        }

        if (source.HasAlpha)
        {
            var a = source.Alpha;
            var da = result.EnsureAlpha();
            for (var row = 0; row < height; row++)
            {
                a.Slice((y + row) * source.Width + x, width).CopyTo(da.Slice(row * width, width));
            }
        }

        return result;
    }

    /// <summary>Centres a frame on a canvas; outside the frame, its nearest edge pixel is repeated so no black border appears.</summary>
    public static Frame CenterOnCanvas(Frame source, int width, int height)
    {
        var result = source.CreateSibling(width, height);
        var offsetX = (width - source.Width) / 2;
        var offsetY = (height - source.Height) / 2;
        var src = source.Rgb;
        var dst = result.Rgb;
        Span<byte> alpha = source.HasAlpha ? result.EnsureAlpha() : default;
        for (var y = 0; y < height; y++)
        {
            var sy = Math.Clamp(y - offsetY, 0, source.Height - 1);
            for (var x = 0; x < width; x++)
            {
                var sx = Math.Clamp(x - offsetX, 0, source.Width - 1);
                var s = sy * source.Width + sx;
                var d = y * width + x;
                dst[d * 3] = src[s * 3];
                dst[d * 3 + 1] = src[s * 3 + 1];
                dst[d * 3 + 2] = src[s * 3 + 2];
                if (!alpha.IsEmpty)
                {
                    alpha[d] = source.Alpha[s];
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Composites a cut-out over mid-grey in place and drops its alpha: a matted frame scored or coloured as an opaque one,
    /// with transparent pixels one flat grey whatever colour they happened to store.
    /// </summary>
    public static void FlattenOnGrey(Frame frame)
    {
        var rgb = frame.Rgb;
        var alpha = frame.Alpha;
        for (var i = 0; i < frame.PixelCount; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                rgb[3 * i + c] = (byte)((rgb[3 * i + c] * alpha[i] + 128 * (255 - alpha[i]) + 127) / 255);
            }
        }

        frame.RemoveAlpha();
    }

    /// <summary>An opaque grey sibling of <paramref name="frame"/> with one grey level a pixel (empty: white all over).</summary>
    public static Frame GreySibling(Frame frame, ReadOnlySpan<byte> levels)
    {
        var grey = frame.CreateSibling();
        if (grey.HasAlpha)
        {
            grey.RemoveAlpha();
        }

        var rgb = grey.Rgb;
        for (var i = 0; i < frame.PixelCount; i++)
        {
            rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = levels.IsEmpty ? (byte)255 : levels[i];
        }

        return grey;
    }
}
