using Muybridge.Video.Frames;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Stylization;

/// <summary>
/// What a reference image says about colour (Welsh, Ashikhmin and Mueller's transfer, in Oklab): for each lightness and
/// local texture (the spread of lightness around a pixel) the mean colour there, and the reference's distribution of
/// lightness for tone matching. A grey pixel takes the colour of reference pixels that look like it.
/// </summary>
internal sealed class ColorPalette
{
    private const int LightnessBins = 48;
    private const int TextureBins = 4;
    private const float TextureScale = 12f;
    private readonly float[] _a = new float[LightnessBins * TextureBins];
    private readonly float[] _b = new float[LightnessBins * TextureBins];
    private readonly float[] _quantiles = new float[257];

    public ColorPalette(Frame reference, ReadOnlySpan<byte> weights = default)
    {
        var n = reference.PixelCount;
        var lightness = new float[n];
        var a = new float[n];
        var b = new float[n];
        Oklab.FromSrgb(reference.Rgb, lightness, a, b);
        var texture = new float[n];
        LocalSpread(lightness, reference.Width, reference.Height, texture, new float[n], new float[n]);
        var sumA = new double[_a.Length];
        var sumB = new double[_a.Length];
        var count = new double[_a.Length];
        var kept = new List<float>(n);
        for (var i = 0; i < n; i++)
        {
            var w = weights.IsEmpty ? 1.0 : weights[i] / 255.0;
            if (w <= 0.5)
            {
                continue;
            }

            var bin = Bin(lightness[i], texture[i]);
            sumA[bin] += a[i];
            sumB[bin] += b[i];
            count[bin]++;
            kept.Add(lightness[i]);
        }

        if (kept.Count == 0)
        {
            throw new InvalidOptionException("The reference has no usable pixels (its matte is empty).");
        }

        // Mean colour per bin; empty bins borrow from the nearest filled bin of the same texture, then of any texture.
        for (var t = 0; t < TextureBins; t++)
        {
            for (var l = 0; l < LightnessBins; l++)
            {
                var bin = t * LightnessBins + l;
                var source = count[bin] > 0 ? bin : Nearest(count, t, l);
                _a[bin] = (float)(sumA[source] / Math.Max(1, count[source]));
                _b[bin] = (float)(sumB[source] / Math.Max(1, count[source]));
            }
        }

        kept.Sort();
        for (var q = 0; q <= 256; q++)
        {
            _quantiles[q] = kept[Math.Min(kept.Count - 1, q * (kept.Count - 1) / 256)];
        }
    }

    /// <summary>The reference lightness at the same rank as <paramref name="quantile"/> (0…1) in the target.</summary>
    public float LightnessAt(float quantile)
    {
        var x = Math.Clamp(quantile, 0f, 1f) * 256;
        var i = Math.Min(255, (int)x);
        return _quantiles[i] + (_quantiles[i + 1] - _quantiles[i]) * (x - i);
    }

    /// <summary>The reference's colour for a pixel of this lightness and texture, interpolated between lightness bins.</summary>
    public (float A, float B) ColourFor(float lightness, float texture)
    {
        var t = Math.Clamp((int)(texture * TextureScale * TextureBins), 0, TextureBins - 1);
        var x = Math.Clamp(lightness, 0f, 0.9999f) * LightnessBins - 0.5f;
        var l0 = Math.Clamp((int)MathF.Floor(x), 0, LightnessBins - 1);
        var l1 = Math.Min(LightnessBins - 1, l0 + 1);
        var f = Math.Clamp(x - l0, 0f, 1f);
        int i0 = t * LightnessBins + l0, i1 = t * LightnessBins + l1;
        return (_a[i0] + (_a[i1] - _a[i0]) * f, _b[i0] + (_b[i1] - _b[i0]) * f);
    }

    /// <summary>Standard deviation of lightness in a 5×5 window (box sums), the texture measure, into <paramref name="spread"/>.</summary>
    public static void LocalSpread(ReadOnlySpan<float> lightness, int width, int height, Span<float> spread, Span<float> mean, Span<float> scratch)
    {
        var n = width * height;
        lightness.CopyTo(mean);
        for (var i = 0; i < n; i++)
        {
            spread[i] = lightness[i] * lightness[i];
        }

        Pixels.BoxBlur.ShrinkingWindow(mean[..n], scratch[..n], width, height, 2);
        Pixels.BoxBlur.ShrinkingWindow(spread[..n], scratch[..n], width, height, 2);
        for (var i = 0; i < n; i++)
        {
            spread[i] = MathF.Sqrt(Math.Max(0f, spread[i] - mean[i] * mean[i]));
        }
    }

    private static int Bin(float lightness, float texture)
        => Math.Clamp((int)(texture * TextureScale * TextureBins), 0, TextureBins - 1) * LightnessBins + Math.Clamp((int)(lightness * LightnessBins), 0, LightnessBins - 1);

    private static int Nearest(double[] count, int texture, int lightness)
    {
        for (var d = 1; d < LightnessBins; d++)
        {
            foreach (var l in new[] { lightness - d, lightness + d })
            {
                if (l is >= 0 and < LightnessBins && count[texture * LightnessBins + l] > 0)
                {
                    return texture * LightnessBins + l;
                }
            }
        }

        for (var t = 0; t < TextureBins; t++)
        {
            for (var d = 0; d < LightnessBins; d++)
            {
                foreach (var l in new[] { lightness - d, lightness + d })
                {
                    if (l is >= 0 and < LightnessBins && count[t * LightnessBins + l] > 0)
                    {
                        return t * LightnessBins + l;
                    }
                }
            }
        }

        return 0;
    }
}
