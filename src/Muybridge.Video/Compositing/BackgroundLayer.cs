using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Compositing;

/// <summary>
/// One image of a <see cref="ScrollingBackground"/>: its own speed, repeating horizontally, with an optional alpha plane so
/// nearer layers can be drawn over farther ones. Scaled to the output height once and kept in linear light.
/// </summary>
internal sealed class BackgroundLayer : IDisposable
{
    private readonly object _gate = new();
    private (int Height, int Width, float[] Linear, float[]? Alpha)? _scaled;

    private readonly bool _opaque;

    /// <param name="image">Owned by the layer from here on.</param>
    /// <param name="pixelsPerSecond">Its speed.</param>
    /// <param name="startOffset">Its position at time zero.</param>
    /// <param name="opaque">Covers what lies behind whatever its alpha says (the farthest layer).</param>
    public BackgroundLayer(Frame image, double pixelsPerSecond, double startOffset, bool opaque)
    {
        Image = image;
        _opaque = opaque;
        PixelsPerSecond = pixelsPerSecond;
        StartOffset = startOffset;
    }

    public Frame Image { get; }

    public double PixelsPerSecond { get; }

    public double StartOffset { get; }

    public int TileWidth(int outputHeight) => Math.Max(1, (int)Math.Round((double)Image.Width * outputHeight / Image.Height));

    public BackgroundLayer Copy(double pixelsPerSecond, double? startOffset = null) => new(Image.Clone(), pixelsPerSecond, startOffset ?? StartOffset, _opaque);

    public void Dispose() => Image.Dispose();

    /// <summary>Draws the view at <paramref name="time"/> over <paramref name="destination"/> (linear RGB), or fills it when opaque.</summary>
    public void Render(TimeSpan time, int width, int height, Span<float> destination)
    {
        var (scaledWidth, linear, alpha) = ScaledTo(height);
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
                var leftPixel = (whole + x) % scaledWidth;
                var rightPixel = (whole + x + 1) % scaledWidth;
                var left = leftPixel * 3;
                var right = rightPixel * 3;
                if (alpha is null)
                {
                    for (var c = 0; c < 3; c++)
                    {
                        target[x * 3 + c] = row[left + c] + (row[right + c] - row[left + c]) * fraction;
                    }

                    continue;
                }

                // Premultiplied, so a transparent neighbour's colour cannot bleed into the edge.
                var rowAlpha = alpha.AsSpan(y * scaledWidth, scaledWidth);
                var a0 = rowAlpha[leftPixel];
                var a1 = rowAlpha[rightPixel];
                var a = a0 + (a1 - a0) * fraction;
                if (a <= 0)
                {
                    continue;
                }

                for (var c = 0; c < 3; c++)
                {
                    var premultiplied = row[left + c] * a0 + (row[right + c] * a1 - row[left + c] * a0) * fraction;
                    target[x * 3 + c] = premultiplied + target[x * 3 + c] * (1 - a);
                }
            }
        }
    }

    private (int Width, float[] Linear, float[]? Alpha) ScaledTo(int height)
    {
        lock (_gate)
        {
            if (_scaled is { } cached && cached.Height == height)
            {
                return (cached.Width, cached.Linear, cached.Alpha);
            }

            var width = TileWidth(height);
            using var resized = Image.Height == height ? Image.Clone() : Codec.Current.Resize(Image, width, height);
            var linear = new float[width * height * 3];
            var rgb = resized.Rgb;
            for (var i = 0; i < linear.Length; i++)
            {
                linear[i] = SrgbLinear.ToLinear(rgb[i]);
            }

            float[]? alpha = null;
            if (resized.HasAlpha && !_opaque)
            {
                alpha = new float[width * height];
                var bytes = resized.Alpha;
                for (var i = 0; i < alpha.Length; i++)
                {
                    alpha[i] = bytes[i] * (1f / 255);
                }
            }

            _scaled = (height, width, linear, alpha);
            return (width, linear, alpha);
        }
    }
}
