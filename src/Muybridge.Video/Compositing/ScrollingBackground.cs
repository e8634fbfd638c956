using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;

namespace Muybridge.Video.Compositing;

/// <summary>
/// A background that scrolls horizontally at a constant speed and repeats seamlessly (its right edge joins its left:
/// a 360° panorama does this exactly). Sampled in linear light with sub-pixel offsets, so slow scrolls do not judder.
/// Parallax: the part above a horizon can drift slower than the ground (<see cref="WithParallax"/>), and images with alpha
/// can be layered over it at their own speeds (<see cref="WithLayer"/>).
/// </summary>
public sealed class ScrollingBackground : IDisposable
{
    // In drawing order, farthest first. Ratios are to PixelsPerSecond, the ground the subject runs on.
    private readonly (BackgroundLayer Layer, double Ratio)[] _layers;

    private ScrollingBackground((BackgroundLayer Layer, double Ratio)[] layers, double pixelsPerSecond, double startOffset)
    {
        _layers = layers;
        PixelsPerSecond = pixelsPerSecond;
        StartOffset = startOffset;
    }

    /// <summary>Scroll speed of the ground in output pixels per second; the scene moves left (the subject runs right) when positive.</summary>
    public double PixelsPerSecond { get; }

    /// <summary>Horizontal position, in output pixels, at time zero.</summary>
    public double StartOffset { get; }

    /// <summary>Each layer's speed in output pixels per second, farthest first (one entry without parallax or layers).</summary>
    public IReadOnlyList<double> LayerSpeeds => _layers.Select(l => l.Layer.PixelsPerSecond).ToArray();

    /// <summary>Loads a background image.</summary>
    /// <exception cref="InvalidFrameInputException">The image cannot be read.</exception>
    public static ScrollingBackground FromFile(string path, double pixelsPerSecond, double startOffset = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        CheckSpeed(pixelsPerSecond);
        return Single(Codec.Current.Decode(path, page: 0, new FramePool()), pixelsPerSecond, startOffset);
    }

    /// <summary>Uses a copy of a frame as the background.</summary>
    public static ScrollingBackground FromFrame(Frame image, double pixelsPerSecond, double startOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        CheckSpeed(pixelsPerSecond);
        return Single(image.Clone(), pixelsPerSecond, startOffset);
    }

    /// <summary>The same images at another ground speed or start (layers keep their speed ratios; images are copied).</summary>
    public ScrollingBackground With(double pixelsPerSecond, double startOffset)
    {
        CheckSpeed(pixelsPerSecond);
        return new ScrollingBackground(
            _layers.Select(l => (l.Layer.Copy(pixelsPerSecond * l.Ratio, startOffset), l.Ratio)).ToArray(),
            pixelsPerSecond,
            startOffset);
    }

    /// <summary>
    /// Parallax from one picture: what lies above <paramref name="horizon"/> (a fraction of the height from the top) is far
    /// away and drifts at <paramref name="farSpeedRatio"/> times the ground's speed; below it the ground keeps the full speed.
    /// The two meet in a soft band <paramref name="softness"/> of the height tall. Split before adding layers.
    /// </summary>
    public ScrollingBackground WithParallax(double horizon, double farSpeedRatio, double softness = 0.03)
    {
        if (!(horizon is > 0 and < 1))
        {
            throw new OptionOutOfRangeException(nameof(horizon), horizon, "The horizon must lie inside the picture: a fraction of its height between 0 and 1.");
        }

        if (!(farSpeedRatio is >= 0 and <= 1))
        {
            throw new OptionOutOfRangeException(nameof(farSpeedRatio), farSpeedRatio, "The far part's speed ratio must be between 0 (still) and 1 (as fast as the ground).");
        }

        if (!(softness is >= 0 and < 0.5))
        {
            throw new OptionOutOfRangeException(nameof(softness), softness, "The horizon's softness must be between 0 and 0.5 of the height.");
        }

        var ground = _layers[0].Layer.Image;
        if (_layers.Length != 1)
        {
            throw new InvalidOperationException("Parallax splits the background picture once; add it before any other layer.");
        }

        var near = ground.Clone();
        var alpha = near.EnsureAlpha();
        var band = softness * near.Height;
        for (var y = 0; y < near.Height; y++)
        {
            var below = y + 0.5 - horizon * near.Height;
            var value = band <= 0 ? (below >= 0 ? 1 : 0) : Math.Clamp(below / band + 0.5, 0, 1);
            alpha.Slice(y * near.Width, near.Width).Fill((byte)Math.Round(value * 255));
        }

        return new ScrollingBackground(
            [
                (new BackgroundLayer(ground.Clone(), PixelsPerSecond * farSpeedRatio, StartOffset, opaque: true), farSpeedRatio),
                (new BackgroundLayer(near, PixelsPerSecond, StartOffset, opaque: false), 1),
            ],
            PixelsPerSecond,
            StartOffset);
    }

    /// <summary>
    /// Adds a picture with alpha (trees, a fence, a grandstand) drawn over the background, scrolling at
    /// <paramref name="speedRatio"/> times the ground's speed (above 1: nearer than the subject's track). It repeats
    /// horizontally like the background and is scaled to the output height.
    /// </summary>
    public ScrollingBackground WithLayer(Frame image, double speedRatio)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!(speedRatio is >= 0 and <= 10))
        {
            throw new OptionOutOfRangeException(nameof(speedRatio), speedRatio, "A layer's speed ratio must be between 0 and 10 times the ground's.");
        }

        var layers = _layers.Select(l => (l.Layer.Copy(l.Layer.PixelsPerSecond), l.Ratio)).ToList();
        layers.Add((new BackgroundLayer(image.Clone(), PixelsPerSecond * speedRatio, StartOffset, opaque: false), speedRatio));
        return new ScrollingBackground(layers.ToArray(), PixelsPerSecond, StartOffset);
    }

    /// <summary>Adds a picture with alpha from a file; see <see cref="WithLayer(Frame, double)"/>.</summary>
    /// <exception cref="InvalidFrameInputException">The image cannot be read.</exception>
    public ScrollingBackground WithLayer(string path, double speedRatio)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var image = Codec.Current.Decode(path, page: 0, new FramePool());
        return WithLayer(image, speedRatio);
    }

    /// <summary>
    /// The same images at the speed nearest to this one at which they come back to where they started after
    /// <paramref name="loop"/>: a whole number of the ground's widths (at least one) go by per loop, so a looping clip has no
    /// jump in the background at its seam. Slower layers are nudged the same way and may come to a stop. A still background
    /// stays still.
    /// </summary>
    /// <param name="loop">How long the clip lasts before it starts again.</param>
    /// <param name="outputHeight">The height it is drawn at (its width follows, keeping its proportions).</param>
    public ScrollingBackground LoopingOver(TimeSpan loop, int outputHeight)
    {
        if (loop <= TimeSpan.Zero)
        {
            throw new OptionOutOfRangeException(nameof(loop), loop, "The loop must last longer than zero.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(outputHeight, 1);
        if (PixelsPerSecond == 0)
        {
            return With(0, StartOffset);
        }

        double Nudged(BackgroundLayer layer, double ratio)
        {
            var tile = layer.TileWidth(outputHeight);
            var tiles = Math.Round(Math.Abs(layer.PixelsPerSecond) * loop.TotalSeconds / tile);
            if (ratio >= 1)
            {
                tiles = Math.Max(1, tiles);
            }

            return Math.CopySign(tiles * tile / loop.TotalSeconds, PixelsPerSecond);
        }

        var ground = Nudged(_layers.First(l => l.Ratio == 1).Layer, 1);
        return new ScrollingBackground(
            _layers.Select(l => (l.Layer.Copy(Nudged(l.Layer, l.Ratio)), l.Ratio)).ToArray(),
            ground,
            StartOffset);
    }

    /// <summary>How wide, in output pixels, one repeat of the image is when drawn <paramref name="outputHeight"/> high.</summary>
    public int TileWidth(int outputHeight) => _layers[0].Layer.TileWidth(outputHeight);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (layer, _) in _layers)
        {
            layer.Dispose();
        }
    }

    /// <summary>Fills <paramref name="destination"/> (linear RGB, width × height × 3) with the view at <paramref name="time"/>.</summary>
    internal void Render(TimeSpan time, int width, int height, Span<float> destination)
    {
        foreach (var (layer, _) in _layers)
        {
            layer.Render(time, width, height, destination);
        }
    }

    private static ScrollingBackground Single(Frame image, double pixelsPerSecond, double startOffset)
        => new([(new BackgroundLayer(image, pixelsPerSecond, startOffset, opaque: true), 1)], pixelsPerSecond, startOffset);

    private static void CheckSpeed(double pixelsPerSecond)
    {
        if (!double.IsFinite(pixelsPerSecond))
        {
            throw new OptionOutOfRangeException(nameof(pixelsPerSecond), pixelsPerSecond, "Scroll speed must be a finite number of pixels per second.");
        }
    }
}
