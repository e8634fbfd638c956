using Muybridge.Video.Frames;
using Muybridge.Video.Pixels;
using NetVips;

namespace Muybridge.Video.Imaging;

/// <summary>libvips through NetVips: MIT-licensed, loads PNG/JPEG/GIF/WebP and writes animated GIF and WebP.</summary>
internal sealed class NetVipsCodec : IImageCodec
{
    static NetVipsCodec()
    {
        // Operation caching trades memory for repeated identical calls, which a frame pipeline never makes.
        Cache.Max = 0;
        Cache.MaxFiles = 0;
    }

    public ImageHeader ReadHeader(string path)
    {
        using var image = Open(path, page: null);
        var pages = image.Contains("n-pages") ? (int)image.Get("n-pages") : 1;
        var pageHeight = image.Contains("page-height") ? (int)image.Get("page-height") : image.Height;
        IReadOnlyList<int>? delays = image.Contains("delay") ? (int[])image.Get("delay") : null;
        return new ImageHeader(image.Width, pageHeight, pages, image.HasAlpha(), delays);
    }

    public Frame Decode(string path, int page, FramePool pool)
    {
        using var image = Open(path, page);
        return ToFrame(image, path, pool);
    }

    public void WritePng(Frame frame, string path, bool includeAlpha)
    {
        using var image = FromFrame(frame, includeAlpha && frame.HasAlpha);
        image.Pngsave(path, compression: 6);
    }

    public byte[] EncodePng(Frame frame, bool includeAlpha, int compression)
    {
        using var image = FromFrame(frame, includeAlpha);
        return image.PngsaveBuffer(compression: compression);
    }

    public void WriteJpeg(Frame frame, string path, int quality)
    {
        using var image = FromFrame(frame, includeAlpha: false);
        image.Jpegsave(path, q: quality);
    }

    public void WriteAnimation(byte[] stackedPages, int width, int pageHeight, int pages, int bands, IReadOnlyList<int> delaysMs, int loop, AnimationFormat format, string path)
    {
        using var raw = Image.NewFromMemory(stackedPages, width, pageHeight * pages, bands, Enums.BandFormat.Uchar);

        // Raw memory comes in as "multiband": said to be sRGB, the GIF quantiser reads RGBA as colour plus alpha (as
        // multiband it quantised four bands as if interleaved colour, which came out striped).
        using var image = raw.Copy(interpretation: Enums.Interpretation.Srgb);
        using var animated = image.Mutate(m =>
        {
            m.Set(GValue.GIntType, "page-height", pageHeight);
            m.Set(GValue.ArrayIntType, "delay", delaysMs.ToArray());
            m.Set(GValue.GIntType, "loop", loop);
        });
        switch (format)
        {
            case AnimationFormat.Gif:
                animated.Gifsave(path, effort: 7, interframeMaxerror: 0, reuse: false);
                break;
            case AnimationFormat.WebP:
                animated.Webpsave(path, q: 90, effort: 4, minSize: false, kmin: int.MaxValue - 1, kmax: int.MaxValue);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format));
        }
    }

    public Frame Resize(Frame source, int width, int height)
    {
        using var image = FromFrame(source, source.HasAlpha);
        using var resized = image.Resize((double)width / source.Width, Enums.Kernel.Lanczos3, vscale: (double)height / source.Height);
        var frame = ToFrame(resized, "(resize)", source.Pool, expectWidth: width, expectHeight: height);
        frame.Index = source.Index;
        frame.Timestamp = source.Timestamp;
        frame.Duration = source.Duration;
        return frame;
    }

    private static Image Open(string path, int? page)
    {
        if (!File.Exists(path))
        {
            throw new InvalidFrameInputException($"Image file not found: '{path}'.");
        }

        var options = new VOption();
        if (page is int p && p > 0)
        {
            options.Add("page", p);
        }

        // A file cut short fails rather than reading as fewer frames or a grey bottom: a truncated GIF read 9 of its 16 frames.
        return Wrap(path, () =>
        {
            var image = Image.NewFromFile(path, access: Enums.Access.Random, failOn: Enums.FailOn.Truncated, kwargs: options);
            try
            {
                // The header is read, no pixel yet: refuse a picture too large to decode before it is.
                ImageLimits.Check(path, image.Width, image.Contains("page-height") ? (int)image.Get("page-height") : image.Height);
            }
            catch
            {
                image.Dispose();
                throw;
            }

            if (page is not null && image.Contains("page-height") && (int)image.Get("page-height") != image.Height)
            {
                var single = image.ExtractArea(0, 0, image.Width, (int)image.Get("page-height"));
                image.Dispose();
                return single;
            }

            return image;
        });
    }

    private static Image Wrap(string path, Func<Image> open)
    {
        try
        {
            return open();
        }
        catch (VipsException e)
        {
            throw new InvalidFrameInputException($"Cannot read image '{path}': {FirstLine(e.Message)}", e);
        }
    }

    private static Frame ToFrame(Image image, string path, FramePool pool, int? expectWidth = null, int? expectHeight = null)
    {
        Image? rgb = null;
        try
        {
            rgb = Normalise(image);
            var width = rgb.Width;
            var height = rgb.Height;
            if ((expectWidth is int w && w != width) || (expectHeight is int h && h != height))
            {
                throw new InvalidOperationException($"Resampler produced {width}x{height}, expected {expectWidth}x{expectHeight}.");
            }

            // Straight from libvips' memory into the pooled frame: a managed copy of every decoded or resized image (3 MB
            // for an ONNX stage's 1024² input) would land on the large-object heap once per frame.
            nint pixels;
            ulong size;
            try
            {
                pixels = rgb.WriteToMemory(out size);
            }
            catch (VipsException e)
            {
                throw new InvalidFrameInputException($"Cannot decode image '{path}' (truncated or corrupt?): {FirstLine(e.Message)}", e);
            }

            try
            {
                var frame = Frame.Create(width, height, pool);
                var bytes = NativeBytes(pixels, size);
                if (rgb.Bands == 4)
                {
                    Interleave.SplitRgba(bytes, frame.Rgb, frame.EnsureAlpha());
                }
                else
                {
                    bytes[..(width * height * 3)].CopyTo(frame.Rgb);
                }

                return frame;
            }
            finally
            {
                global::NetVips.NetVips.Free(pixels);
            }
        }
        finally
        {
            rgb?.Dispose();
        }
    }

    /// <summary>Brings any input (grey, grey+alpha, 16-bit, CMYK, palette) to 8-bit sRGB with 3 or 4 bands.</summary>
    private static Image Normalise(Image image)
    {
        var current = image.Interpretation is Enums.Interpretation.Srgb or Enums.Interpretation.Bw && image.Format == Enums.BandFormat.Uchar
            ? image.Copy()
            : image.Colourspace(Enums.Interpretation.Srgb);
        if (current.Format != Enums.BandFormat.Uchar)
        {
            Replace(ref current, current.Cast(Enums.BandFormat.Uchar));
        }

        var hasAlpha = current.HasAlpha();
        var colourBands = hasAlpha ? current.Bands - 1 : current.Bands;
        if (colourBands == 1)
        {
            using var grey = current.ExtractBand(0);
            using var triple = grey.Bandjoin(grey, grey);
            if (hasAlpha)
            {
                using var alpha = current.ExtractBand(current.Bands - 1);
                Replace(ref current, triple.Bandjoin(alpha));
            }
            else
            {
                Replace(ref current, triple.Copy());
            }
        }
        else if (colourBands > 3)
        {
            using var colour = current.ExtractBand(0, n: 3);
            if (hasAlpha)
            {
                using var alpha = current.ExtractBand(current.Bands - 1);
                Replace(ref current, colour.Bandjoin(alpha));
            }
            else
            {
                Replace(ref current, colour.Copy());
            }
        }

        return current;
    }

    private static void Replace(ref Image current, Image next)
    {
        current.Dispose();
        current = next;
    }

    private static Image FromFrame(Frame frame, bool includeAlpha)
    {
        if (!includeAlpha)
        {
            return FromPixels(frame.Rgb, frame.Width, frame.Height, bands: 3);
        }

        var length = frame.PixelCount * 4;
        var buffer = PlanePool<byte>.Shared.Rent(length);
        try
        {
            Interleave.MergeRgba(frame.Rgb, frame.HasAlpha ? frame.Alpha : default, buffer.AsSpan(0, length));
            return FromPixels(buffer.AsSpan(0, length), frame.Width, frame.Height, bands: 4);
        }
        finally
        {
            PlanePool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>An sRGB image of interleaved 8-bit pixels. libvips copies them, so the buffer may be reused at once.</summary>
    private static unsafe Image FromPixels(ReadOnlySpan<byte> pixels, int width, int height, int bands)
    {
        fixed (byte* start = pixels)
        {
            using var copy = Image.NewFromMemoryCopy((nint)start, (ulong)pixels.Length, width, height, bands, Enums.BandFormat.Uchar);
            return copy.Copy(interpretation: Enums.Interpretation.Srgb);
        }
    }

    private static unsafe ReadOnlySpan<byte> NativeBytes(nint pixels, ulong size) => new((void*)pixels, checked((int)size));

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
