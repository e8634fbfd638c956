using Muybridge.Video.Frames;
using Muybridge.Video.Motion;

namespace Muybridge.Video.Quality;

/// <summary>
/// Flicker, measured as the warping error of Lai et al.: warp the previous output onto the current one with the optical
/// flow of the <em>source</em> frames and average the colour difference over pixels the flow can see in both (forward–
/// backward consistent). A stable stylization scores low; one that restyles every frame afresh scores high.
/// </summary>
public sealed class TemporalQuality
{
    private readonly DenseOpticalFlow _flow = new();
    private readonly FlowField _backward = new(1, 1);
    private readonly FlowField _forward = new(1, 1);

    /// <summary>Mean absolute RGB difference in 0…1 between <paramref name="currentOutput"/> and the warped previous output.</summary>
    public double WarpingError(Frame previousSource, Frame currentSource, Frame previousOutput, Frame currentOutput)
    {
        ArgumentNullException.ThrowIfNull(previousSource);
        ArgumentNullException.ThrowIfNull(currentSource);
        ArgumentNullException.ThrowIfNull(previousOutput);
        ArgumentNullException.ThrowIfNull(currentOutput);
        _flow.Estimate(currentSource, previousSource, _backward);
        _flow.Estimate(previousSource, currentSource, _forward);
        int width = currentSource.Width, height = currentSource.Height;
        var previous = previousOutput.Rgb;
        var current = currentOutput.Rgb;
        double sum = 0;
        long count = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                float bx = _backward.U[i], by = _backward.V[i];
                float sx = x + bx, sy = y + by;
                if (sx < 0 || sy < 0 || sx > width - 1 || sy > height - 1)
                {
                    continue;
                }

                var (fx, fy) = _forward.Sample(sx, sy);
                var loop = (bx + fx) * (bx + fx) + (by + fy) * (by + fy);
                if (loop > 0.01f * (bx * bx + by * by + fx * fx + fy * fy) + 0.5f)
                {
                    continue; // occluded or mismatched: not comparable
                }

                int x0 = (int)sx, y0 = (int)sy, x1 = Math.Min(x0 + 1, width - 1), y1 = Math.Min(y0 + 1, height - 1);
                float wx = sx - x0, wy = sy - y0;
                for (var c = 0; c < 3; c++)
                {
                    var top = previous[3 * (y0 * width + x0) + c] * (1 - wx) + previous[3 * (y0 * width + x1) + c] * wx;
                    var bottom = previous[3 * (y1 * width + x0) + c] * (1 - wx) + previous[3 * (y1 * width + x1) + c] * wx;
                    sum += Math.Abs(current[3 * i + c] - (top * (1 - wy) + bottom * wy));
                }

                count += 3;
            }
        }

        return count == 0 ? 0 : sum / count / 255.0;
    }

    /// <summary>Mean Oklab chroma (√(a² + b²)) of a frame: 0 for grey, about 0.1 for a vividly coloured picture.</summary>
    public static double Colourfulness(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        double sum = 0;
        var rgb = frame.Rgb;
        for (var i = 0; i < frame.PixelCount; i++)
        {
            var (_, a, b) = Pixels.Oklab.FromSrgb(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
            sum += Math.Sqrt(a * a + b * b);
        }

        return sum / frame.PixelCount;
    }
}
