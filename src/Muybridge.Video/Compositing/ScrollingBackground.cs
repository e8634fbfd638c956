using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;

namespace Muybridge.Video.Compositing;

/// <summary>
/// A background that scrolls horizontally at a constant speed and repeats seamlessly (its right edge joins its left:
/// a 360° panorama does this exactly). Sampled in linear light with sub-pixel offsets, so slow scrolls do not judder.
/// </summary>
public sealed class ScrollingBackground : IDisposable
{
    private readonly Frame _image;
    private readonly object _gate = new();
    private (int Height, int Width, float[] Linear)? _scaled;

    private ScrollingBackground(Frame image, double pixelsPerSecond, double startOffset)
    {
        _image = image;
        PixelsPerSecond = pixelsPerSecond;
        StartOffset = startOffset;
    }

    /// <summary>Scroll speed in output pixels per second; the scene moves left (the subject runs right) when positive.</summary>
    public double PixelsPerSecond { get; }

    /// <summary>Horizontal position, in output pixels, at time zero.</summary>
    public double StartOffset { get; }

    /// <summary>Loads a background image.</summary>
    /// <exception cref="InvalidFrameInputException">The image cannot be read.</exception>
    public static ScrollingBackground FromFile(string path, double pixelsPerSecond, double startOffset = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        CheckSpeed(pixelsPerSecond);
        return new ScrollingBackground(Codec.Current.Decode(path, page: 0, new FramePool()), pixelsPerSecond, startOffset);
    }

    /// <summary>Uses a copy of a frame as the background.</summary>
    public static ScrollingBackground FromFrame(Frame image, double pixelsPerSecond, double startOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        CheckSpeed(pixelsPerSecond);
        return new ScrollingBackground(image.Clone(), pixelsPerSecond, startOffset);
    }

    /// <summary>The same image at another speed or start (shares nothing mutable; the image is copied).</summary>
    public ScrollingBackground With(double pixelsPerSecond, double startOffset)
        => FromFrame(_image, pixelsPerSecond, startOffset);

    /// <summary>
    /// The same image at the speed nearest to this one at which it comes back to where it started after
    /// <paramref name="loop"/>: a whole number of its widths (at least one) go by per loop, so a looping clip has no jump
    /// in the background at its seam. A still background stays still.
    /// </summary>
    /// <param name="loop">How long the clip lasts before it starts again.</param>
    /// <param name="outputHeight">The height it is drawn at (its width follows, keeping its proportions).</param>
    public ScrollingBackground LoopingOver(TimeSpan loop, int outputHeight)
    {
        if (loop <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(loop), loop, "The loop must last longer than zero.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(outputHeight, 1);
        if (PixelsPerSecond == 0)
        {
            return With(0, StartOffset);
        }

        var tile = TileWidth(outputHeight);
        var tiles = Math.Max(1, Math.Round(Math.Abs(PixelsPerSecond) * loop.TotalSeconds / tile));
        return With(Math.CopySign(tiles * tile / loop.TotalSeconds, PixelsPerSecond), StartOffset);
    }

    /// <summary>How wide, in output pixels, one repeat of the image is when drawn <paramref name="outputHeight"/> high.</summary>
    public int TileWidth(int outputHeight) => Math.Max(1, (int)Math.Round((double)_image.Width * outputHeight / _image.Height));

    /// <inheritdoc />
    public void Dispose() => _image.Dispose();

    /// <summary>Fills <paramref name="destination"/> (linear RGB, width × height × 3) with the view at <paramref name="time"/>.</summary>
    internal void Render(TimeSpan time, int width, int height, Span<float> destination)
    {
        var (scaledWidth, linear) = ScaledTo(height);
        var offset = StartOffset + time.TotalSeconds * PixelsPerSecond;
        offset -= Math.Floor(offset / scaledWidth) * scaledWidth;
        var whole = (int)offset;
        var fraction = (float)(offset - whole);
        for (var y = 0; y < height; y++)
        {
            var row = linear.AsSpan(y * scaledWidth * 3, scaledWidth * 3);
            var target = destination.Slice(y * width * 3, width * 3);
            for (var x = 0; x < width; x++)
            {
                var left = (whole + x) % scaledWidth * 3;
                var right = (whole + x + 1) % scaledWidth * 3;
                for (var c = 0; c < 3; c++)
                {
                    target[x * 3 + c] = row[left + c] + (row[right + c] - row[left + c]) * fraction;
                }
            }
        }
    }

    private (int Width, float[] Linear) ScaledTo(int height)
    {
        lock (_gate)
        {
            if (_scaled is { } cached && cached.Height == height)
            {
                return (cached.Width, cached.Linear);
            }

            var width = TileWidth(height);
            using var resized = _image.Height == height ? _image.Clone() : Codec.Current.Resize(_image, width, height);
            var linear = new float[width * height * 3];
            var rgb = resized.Rgb;
            for (var i = 0; i < linear.Length; i++)
            {
                linear[i] = SrgbLinear.ToLinear(rgb[i]);
            }

            _scaled = (height, width, linear);
            return (width, linear);
        }
    }

    private static void CheckSpeed(double pixelsPerSecond)
    {
        if (!double.IsFinite(pixelsPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(pixelsPerSecond), pixelsPerSecond, "Scroll speed must be a finite number of pixels per second.");
        }
    }
}
