using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Compositing;

/// <summary>
/// The subject's own colour where its matte is partly transparent. A pixel on the matte's edge holds the old backdrop as
/// well as the subject (a light wall around a dark horse), and drawn as it is over a new background that shows as a pale
/// outline. The colour there is taken from the subject around it instead: a local mean weighted by alpha⁴, so opaque
/// neighbours count and the backdrop's share does not.
/// </summary>
internal static class EdgeColour
{
    /// <summary>Fills <paramref name="linear"/> (3 planes, R then G then B, each width×height) with the subject's linear colour.</summary>
    public static void Estimate(ReadOnlySpan<byte> rgb, ReadOnlySpan<float> alpha, Span<float> linear, Span<float> weight, int width, int height, int radius)
    {
        var n = width * height;
        var r = linear[..n];
        var g = linear.Slice(n, n);
        var b = linear.Slice(2 * n, n);
        var w = weight[..n];
        for (var i = 0; i < n; i++)
        {
            var a = alpha[i];
            var k = a * a * a * a;
            w[i] = k;
            r[i] = SrgbLinear.ToLinear(rgb[i * 3]) * k;
            g[i] = SrgbLinear.ToLinear(rgb[i * 3 + 1]) * k;
            b[i] = SrgbLinear.ToLinear(rgb[i * 3 + 2]) * k;
        }

        BoxBlur.ClampedEdges(w, width, height, radius);
        BoxBlur.ClampedEdges(r, width, height, radius);
        BoxBlur.ClampedEdges(g, width, height, radius);
        BoxBlur.ClampedEdges(b, width, height, radius);
        for (var i = 0; i < n; i++)
        {
            var a = alpha[i];
            if (a >= 0.98f || w[i] < 1e-4f)
            {
                // Opaque, or nothing opaque nearby: the pixel's own colour.
                r[i] = SrgbLinear.ToLinear(rgb[i * 3]);
                g[i] = SrgbLinear.ToLinear(rgb[i * 3 + 1]);
                b[i] = SrgbLinear.ToLinear(rgb[i * 3 + 2]);
                continue;
            }

            // Blend toward the neighbours' colour the more transparent the pixel is.
            var own = a;
            var inv = (1 - own) / w[i];
            r[i] = SrgbLinear.ToLinear(rgb[i * 3]) * own + r[i] * inv;
            g[i] = SrgbLinear.ToLinear(rgb[i * 3 + 1]) * own + g[i] * inv;
            b[i] = SrgbLinear.ToLinear(rgb[i * 3 + 2]) * own + b[i] * inv;
        }
    }
}
