using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;
using Muybridge.Video.Matting;

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
        if (_options.SubjectScale <= 0 || !double.IsFinite(_options.SubjectScale))
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.SubjectScale, "Subject scale must be positive.");
        }

        if (_options.Width is <= 0 || _options.Height is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Output width and height must be positive.");
        }

        if (!double.IsFinite(_options.Baseline) || !double.IsFinite(_options.CenterX))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The subject's baseline and centre must be finite fractions of the output.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(_options.Feather, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.DegreeOfParallelism, 1, nameof(options));
        _options.Shadow?.Validate();
        _background = background;
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
                    MatteFilters.Blur(plane, source.Width, source.Height, _options.Feather);
                }

                if (_options.Shadow is { } shadow)
                {
                    ShadowCaster.Darken(shadow, plane, source.Alpha, source.Width, source.Height, canvas.AsSpan(0, width * height * 3), width, height, left, top);
                }
            }

            Over(source, alpha, canvas.AsSpan(0, width * height * 3), width, height, left, top);
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
        }

        return output;
    }

    /// <summary>canvas = subject·α + canvas·(1 − α), in linear light (the subject premultiplied as it is read).</summary>
    private static void Over(Frame subject, float[]? alpha, Span<float> canvas, int width, int height, int left, int top)
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
                canvas[d] = SrgbLinear.ToLinear(rgb[s * 3]) * a + canvas[d] * keep;
                canvas[d + 1] = SrgbLinear.ToLinear(rgb[s * 3 + 1]) * a + canvas[d + 1] * keep;
                canvas[d + 2] = SrgbLinear.ToLinear(rgb[s * 3 + 2]) * a + canvas[d + 2] * keep;
            }
        }
    }
}
