namespace Muybridge.Video.Motion;

/// <summary>
/// Fills the gaps of a sparsely covered field by push–pull: confidence-weighted sums are pooled 2×2 up to a coarse level,
/// then each fine pixel tops up its own confidence with its parent's value. Holes get a smooth fill from their surroundings.
/// Level buffers are kept between calls.
/// </summary>
internal sealed class PushPullFill
{
    private readonly List<(float[] U, float[] V, float[] W, int Width, int Height)> _levels = [];

    /// <summary>Completes <paramref name="u"/>/<paramref name="v"/> where <paramref name="confidence"/> is below 1.</summary>
    public void Fill(Span<float> u, Span<float> v, Span<float> confidence, int width, int height)
    {
        var depth = 0;
        int w = width, h = height;
        while (w > 1 || h > 1)
        {
            w = (w + 1) / 2;
            h = (h + 1) / 2;
            if (_levels.Count <= depth)
            {
                _levels.Add((new float[w * h], new float[w * h], new float[w * h], w, h));
            }
            else if (_levels[depth].U.Length < w * h)
            {
                _levels[depth] = (new float[w * h], new float[w * h], new float[w * h], w, h);
            }
            else
            {
                _levels[depth] = (_levels[depth].U, _levels[depth].V, _levels[depth].W, w, h);
            }

            depth++;
        }

        // Push: confidence-weighted sums, confidence capped at 1 per pixel.
        for (var level = 0; level < depth; level++)
        {
            var (cu, cv, cw, cwidth, cheight) = _levels[level];
            cu.AsSpan(0, cwidth * cheight).Clear();
            cv.AsSpan(0, cwidth * cheight).Clear();
            cw.AsSpan(0, cwidth * cheight).Clear();
            if (level == 0)
            {
                for (var y = 0; y < height; y++)
                {
                    for (var x = 0; x < width; x++)
                    {
                        var i = y * width + x;
                        var c = Math.Min(confidence[i], 1f);
                        var k = (y / 2) * cwidth + x / 2;
                        cu[k] += c * u[i];
                        cv[k] += c * v[i];
                        cw[k] += c;
                    }
                }
            }
            else
            {
                var (fu, fv, fw, fwidth, fheight) = _levels[level - 1];
                for (var y = 0; y < fheight; y++)
                {
                    for (var x = 0; x < fwidth; x++)
                    {
                        var i = y * fwidth + x;
                        var c = Math.Min(fw[i], 1f);
                        var k = (y / 2) * cwidth + x / 2;
                        var scale = fw[i] > 0 ? c / fw[i] : 0;
                        cu[k] += fu[i] * scale;
                        cv[k] += fv[i] * scale;
                        cw[k] += c;
                    }
                }
            }
        }

        // Pull: from the top down, each level's values become weighted means topped up by the parent.
        for (var level = depth - 1; level >= 0; level--)
        {
            var (cu, cv, cw, cwidth, cheight) = _levels[level];
            for (var i = 0; i < cwidth * cheight; i++)
            {
                var c = cw[i];
                float mu = c > 0 ? cu[i] / c : 0, mv = c > 0 ? cv[i] / c : 0;
                if (c < 1 && level < depth - 1)
                {
                    var (pu, pv, _, pwidth, _) = _levels[level + 1];
                    var p = (i / cwidth / 2) * pwidth + (i % cwidth) / 2;
                    mu = c * mu + (1 - c) * pu[p];
                    mv = c * mv + (1 - c) * pv[p];
                }

                // Stored normalised from here on, with full confidence, for the level below to read.
                cu[i] = mu;
                cv[i] = mv;
                cw[i] = 1;
            }
        }

        if (depth == 0)
        {
            return;
        }

        var (tu, tv, _, twidth, _) = _levels[0];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                var c = confidence[i];
                if (c >= 1)
                {
                    continue;
                }

                var p = (y / 2) * twidth + x / 2;
                u[i] = c * u[i] + (1 - c) * tu[p];
                v[i] = c * v[i] + (1 - c) * tv[p];
            }
        }
    }
}
