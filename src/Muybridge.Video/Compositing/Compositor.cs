using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;
using Muybridge.Video.Matting;
using Muybridge.Video.Pixels;
using Muybridge.Video.Streaming;

namespace Muybridge.Video.Compositing;

/// <summary>
/// Puts the matted subject over a scrolling background: colour converted to linear light, premultiplied by alpha,
/// blended (over), and converted back to sRGB. A frame without alpha covers the background completely.
/// </summary>
public sealed class Compositor : IFrameStage
{
    private readonly ScrollingBackground _background;
    private readonly CompositeOptions _options;

    /// <summary>Creates the stage. The background stays owned by the caller.</summary>
    public Compositor(ScrollingBackground background, CompositeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(background);
        _options = options ?? new CompositeOptions();
        Validate(_options);
        _background = background;
    }

    /// <summary>The argument checks of the constructor, for stages that build a compositor later.</summary>
    internal static void Validate(CompositeOptions options)
    {
        if (options.SubjectScale <= 0 || !double.IsFinite(options.SubjectScale))
        {
            throw new OptionOutOfRangeException(nameof(options), options.SubjectScale, "Subject scale must be positive.");
        }

        if (options.Width is <= 0 || options.Height is <= 0)
        {
            throw new OptionOutOfRangeException(nameof(options), "Output width and height must be positive.");
        }

        if (!double.IsFinite(options.Baseline) || !double.IsFinite(options.CenterX))
        {
            throw new OptionOutOfRangeException(nameof(options), "The subject's baseline and centre must be finite fractions of the output.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.Feather, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DegreeOfParallelism, 1, nameof(options));
        options.Shadow?.Validate();
    }

    /// <inheritdoc />
    public string Name => "composite";

    /// <inheritdoc />
    public IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, CancellationToken cancellationToken)
        => PerFrame.MapAsync(frames, Composite, _options.DegreeOfParallelism, cancellationToken);

    /// <summary>Composites one frame (the caller keeps ownership of <paramref name="subject"/>).</summary>
    public Frame Composite(Frame subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var width = _options.Width ?? subject.Width;
        var height = _options.Height ?? subject.Height;
        var subjectHeight = Math.Max(1, (int)Math.Round(height * _options.SubjectScale));
        var subjectWidth = Math.Max(1, (int)Math.Round((double)subject.Width * subjectHeight / subject.Height));
        using var scaled = subjectWidth == subject.Width && subjectHeight == subject.Height ? null : Codec.Current.Resize(subject, subjectWidth, subjectHeight);
        var source = scaled ?? subject;
        var left = (int)Math.Round(_options.CenterX * width - subjectWidth / 2.0);
        var top = (int)Math.Round(_options.Baseline * height) - subjectHeight;

        var output = subject.CreateSibling(width, height);
        output.Timestamp = subject.Timestamp;
        var canvas = PlanePool<float>.Shared.Rent(width * height * 3);
        var alpha = source.HasAlpha ? PlanePool<float>.Shared.Rent(source.PixelCount) : null;
        float[]? colour = null;
        try
        {
            _background.Render(subject.Timestamp, width, height, canvas);
            if (alpha is not null)
            {
                var plane = alpha.AsSpan(0, source.PixelCount);
                var bytes = source.Alpha;
                for (var i = 0; i < plane.Length; i++)
                {
                    plane[i] = bytes[i] * (1f / 255);
                }

                if (_options.Feather > 0)
                {
                    BoxBlur.ClampedGaussian(plane, source.Width, source.Height, _options.Feather);
                }

                if (_options.Shadow is { } shadow)
                {
                    ShadowCaster.Darken(shadow, plane, source.Alpha, source.Width, source.Height, canvas.AsSpan(0, width * height * 3), width, height, left, top);
                }
            }

            if (alpha is not null && _options.RecoverEdgeColour)
            {
                colour = PlanePool<float>.Shared.Rent(source.PixelCount * 4);
                var plane = colour.AsSpan(0, source.PixelCount * 3);
                EdgeColour.Estimate(source.Rgb, alpha.AsSpan(0, source.PixelCount), plane, colour.AsSpan(source.PixelCount * 3, source.PixelCount), source.Width, source.Height, Math.Max(2, source.Height / 120));
            }

            Over(source, alpha, colour, canvas.AsSpan(0, width * height * 3), width, height, left, top);
            var rgb = output.Rgb;
            for (var i = 0; i < rgb.Length; i++)
            {
                rgb[i] = SrgbLinear.ToSrgb(canvas[i]);
            }
        }
        finally
        {
            PlanePool<float>.Shared.Return(canvas);
            if (alpha is not null)
            {
                PlanePool<float>.Shared.Return(alpha);
            }

            if (colour is not null)
            {
                PlanePool<float>.Shared.Return(colour);
            }
        }

        return output;
    }

    /// <summary>
    /// canvas = subject·α + canvas·(1 − α), in linear light (the subject premultiplied as it is read); with a matte, the
    /// subject's colour comes from <paramref name="colour"/> (planar, the edge's backdrop share replaced, see <see cref="EdgeColour"/>).
    /// </summary>
    private static void Over(Frame subject, float[]? alpha, float[]? colour, Span<float> canvas, int width, int height, int left, int top)
    {
        var rgb = subject.Rgb;
        var x0 = Math.Max(0, -left);
        var x1 = Math.Min(subject.Width, width - left);
        var y0 = Math.Max(0, -top);
        var y1 = Math.Min(subject.Height, height - top);
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                var s = y * subject.Width + x;
                var a = alpha is null ? 1f : alpha[s];
                if (a <= 0)
                {
                    continue;
                }

                var d = ((y + top) * width + x + left) * 3;
                var keep = 1 - a;
                if (colour is null)
                {
                    canvas[d] = SrgbLinear.ToLinear(rgb[s * 3]) * a + canvas[d] * keep;
                    canvas[d + 1] = SrgbLinear.ToLinear(rgb[s * 3 + 1]) * a + canvas[d + 1] * keep;
                    canvas[d + 2] = SrgbLinear.ToLinear(rgb[s * 3 + 2]) * a + canvas[d + 2] * keep;
                }
                else
                {
                    var n = subject.PixelCount;
                    canvas[d] = colour[s] * a + canvas[d] * keep;
                    canvas[d + 1] = colour[n + s] * a + canvas[d + 1] * keep;
                    canvas[d + 2] = colour[2 * n + s] * a + canvas[d + 2] * keep;
                }
            }
        }
    }
}
