using Muybridge.Video.Frames;

namespace Muybridge.Video.Interpolation;

/// <summary>
/// Cross-fades the two neighbours (colour and alpha). It ghosts on far-apart frames; it is the baseline the other
/// interpolators are scored against, and the cheapest choice for frames that barely move.
/// </summary>
public sealed class CrossFadeInterpolator : IFrameInterpolator
{
    /// <inheritdoc />
    public string Name => "cross-fade";

    /// <inheritdoc />
    public void Interpolate(Frame first, Frame second, ReadOnlySpan<float> times, ReadOnlySpan<Frame> results, CancellationToken cancellationToken = default)
    {
        InterpolationChecks.Validate(first, second, times, results);
        for (var k = 0; k < times.Length; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = results[k];
            Blend(first.Rgb, second.Rgb, result.Rgb, times[k]);
            if (InterpolationChecks.PrepareAlpha(first, second, result))
            {
                var alpha = result.Alpha;
                if (first.HasAlpha && second.HasAlpha)
                {
                    Blend(first.Alpha, second.Alpha, alpha, times[k]);
                }
                else
                {
                    // One side is opaque: the blend of 255 and a is 255 - t'(255 - a), computed in place.
                    var plane = first.HasAlpha ? first.Alpha : second.Alpha;
                    var weight = first.HasAlpha ? 1 - times[k] : times[k];
                    for (var i = 0; i < alpha.Length; i++)
                    {
                        alpha[i] = (byte)(255 - (int)((255 - plane[i]) * weight + 0.5f));
                    }
                }
            }
        }
    }

    private static void Blend(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination, float t)
    {
        var wb = (int)(t * 256 + 0.5f);
        var wa = 256 - wb;
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (byte)((a[i] * wa + b[i] * wb + 128) >> 8);
        }
    }
}
