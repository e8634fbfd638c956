using Muybridge.Video.Frames;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Quality;

/// <summary>
/// Full-reference image quality, as used to score interpolation and restoration against held-out frames. Frames with an
/// alpha plane are composited on mid-grey first, so a cut-out is judged on what a viewer sees.
/// </summary>
public static class ImageQuality
{
    /// <summary>Peak signal-to-noise ratio in dB over the RGB channels (capped at 100 dB for identical frames).</summary>
    public static double Psnr(Frame actual, Frame expected)
    {
        CheckSizes(actual, expected);
        double sum = 0;
        var n = actual.PixelCount;
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                var d = Visible(actual, i, c) - Visible(expected, i, c);
                sum += d * d;
            }
        }

        var mse = sum / (3.0 * n);
        return mse <= 1e-10 ? 100 : 10 * Math.Log10(255.0 * 255.0 / mse);
    }

    /// <summary>
    /// Structural similarity (Wang et al. 2004: 11×11 Gaussian window, σ = 1.5, K1 = 0.01, K2 = 0.03) on Rec. 601 luma,
    /// averaged over the frame.
    /// </summary>
    public static double Ssim(Frame actual, Frame expected)
    {
        CheckSizes(actual, expected);
        int width = actual.Width, height = actual.Height;
        var x = VisibleLuma(actual);
        var y = VisibleLuma(expected);
        var n = width * height;
        var xx = new double[n];
        var yy = new double[n];
        var xy = new double[n];
        for (var i = 0; i < n; i++)
        {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }

        var kernel = GaussianKernel(1.5, 5);
        var scratch = new double[n];
        var mx = Blur(x, width, height, kernel, scratch);
        var my = Blur(y, width, height, kernel, scratch);
        var sxx = Blur(xx, width, height, kernel, scratch);
        var syy = Blur(yy, width, height, kernel, scratch);
        var sxy = Blur(xy, width, height, kernel, scratch);
        const double c1 = 0.01 * 255 * 0.01 * 255, c2 = 0.03 * 255 * 0.03 * 255;
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            var vx = sxx[i] - mx[i] * mx[i];
            var vy = syy[i] - my[i] * my[i];
            var cov = sxy[i] - mx[i] * my[i];
            total += (2 * mx[i] * my[i] + c1) * (2 * cov + c2) / ((mx[i] * mx[i] + my[i] * my[i] + c1) * (vx + vy + c2));
        }

        return total / n;
    }

    private static void CheckSizes(Frame actual, Frame expected)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        if (actual.Width != expected.Width || actual.Height != expected.Height)
        {
            throw new InvalidFrameInputException($"Cannot compare frames of different sizes ({actual.Width}x{actual.Height} and {expected.Width}x{expected.Height}).");
        }
    }

    private static double Visible(Frame frame, int pixel, int channel)
    {
        double value = frame.Rgb[3 * pixel + channel];
        if (!frame.HasAlpha)
        {
            return value;
        }

        var a = frame.Alpha[pixel] / 255.0;
        return a * value + (1 - a) * 128;
    }

    private static double[] VisibleLuma(Frame frame)
    {
        var luma = new double[frame.PixelCount];
        for (var i = 0; i < luma.Length; i++)
        {
            luma[i] = Luma.Precise(Visible(frame, i, 0), Visible(frame, i, 1), Visible(frame, i, 2));
        }

        return luma;
    }

    private static double[] GaussianKernel(double sigma, int radius)
    {
        var kernel = new double[2 * radius + 1];
        double sum = 0;
        for (var k = -radius; k <= radius; k++)
        {
            kernel[k + radius] = Math.Exp(-k * k / (2 * sigma * sigma));
            sum += kernel[k + radius];
        }

        for (var k = 0; k < kernel.Length; k++)
        {
            kernel[k] /= sum;
        }

        return kernel;
    }

    /// <summary>Separable Gaussian blur; the window is renormalised where it overhangs the border.</summary>
    private static double[] Blur(double[] source, int width, int height, double[] kernel, double[] scratch)
    {
        var radius = kernel.Length / 2;
        var result = new double[source.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                double sum = 0, weight = 0;
                for (var k = -radius; k <= radius; k++)
                {
                    var xx = x + k;
                    if ((uint)xx < (uint)width)
                    {
                        sum += kernel[k + radius] * source[y * width + xx];
                        weight += kernel[k + radius];
                    }
                }

                scratch[y * width + x] = sum / weight;
            }
        }

        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                double sum = 0, weight = 0;
                for (var k = -radius; k <= radius; k++)
                {
                    var yy = y + k;
                    if ((uint)yy < (uint)height)
                    {
                        sum += kernel[k + radius] * scratch[yy * width + x];
                        weight += kernel[k + radius];
                    }
                }

                result[y * width + x] = sum / weight;
            }
        }

        return result;
    }
}
