using Muybridge.Video.Pixels;

namespace Muybridge.Video.Matting;

/// <summary>
/// Colour models local to each part of the picture, learnt from the last frame's matte carried along the flow (after
/// Video SnapCut, Bai et al. 2009): around each pixel, a Gaussian of the subject's colours and one of the backdrop's over
/// a window a twentieth of the picture across. The matter's global colour models cannot tell a shade that is the
/// subject's in one place and the backdrop's in another (an elephant's lit back, and the pale panel between its legs);
/// beside the legs, the local ones can.
/// </summary>
internal sealed class LocalColourModel
{
    /// <summary>The term's largest pull, in log-odds: half of a clear global colour verdict.</summary>
    private const float Cap = 3f;

    /// <summary>A pixel the global colours call subject this surely is not taken as a backdrop sample.</summary>
    private const float ClearlySubject = 1f;

    /// <summary>Least share of a window the samples of each side must fill for the window to say anything.</summary>
    private const float LeastShare = 0.05f;

    private readonly int _width;
    private readonly int _height;
    private readonly int _radius;
    private readonly float[][] _sums;
    private readonly bool[] _core;
    private readonly bool[] _around;

    /// <summary>Creates the model for a working grid of <paramref name="width"/> × <paramref name="height"/>.</summary>
    public LocalColourModel(int width, int height)
    {
        (_width, _height) = (width, height);
        _radius = Math.Max(4, Math.Max(width, height) / 20);
        var n = width * height;
        _sums = new float[10][];
        for (var k = 0; k < _sums.Length; k++)
        {
            _sums[k] = new float[n];
        }

        _core = new bool[n];
        _around = new bool[n];
    }

    /// <summary>
    /// Writes into <paramref name="term"/> each pixel's local log-odds of subject against backdrop (0 where a window
    /// holds too few samples of either side, and within a pixel of the carried matte's edge, where a window mixes both
    /// and the edge is the global colours' and the refinement's to settle).
    /// </summary>
    /// <param name="rgb">The working image, 0…1 RGB interleaved.</param>
    /// <param name="carried">The last frame's matte carried to this frame.</param>
    /// <param name="colourOdds">The global colour models' log-odds per pixel: a part of the subject the last matte lost
    /// (a head that comes back) is not learnt as backdrop.</param>
    /// <param name="grain">The image's grain (0…1): no Gaussian is narrower, so a flat patch does not claim certainty.</param>
    /// <param name="term">The evidence, one value per pixel.</param>
    public void Evidence(ReadOnlySpan<float> rgb, bool[] carried, ReadOnlySpan<float> colourOdds, float grain, Span<float> term)
    {
        var n = _width * _height;
        Array.Copy(carried, _core, n);
        MaskMorphology.Morph(_core, _width, _height, 1, dilate: false);
        Array.Copy(carried, _around, n);
        MaskMorphology.Morph(_around, _width, _height, 1, dilate: true);
        foreach (var sum in _sums)
        {
            Array.Clear(sum);
        }

        for (var i = 0; i < n; i++)
        {
            var side = _core[i] ? 0 : !_around[i] && colourOdds[i] < ClearlySubject ? 5 : -1;
            if (side < 0) continue;
            float r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2];
            _sums[side][i] = 1f;
            _sums[side + 1][i] = r;
            _sums[side + 2][i] = g;
            _sums[side + 3][i] = b;
            _sums[side + 4][i] = r * r + g * g + b * b;
        }

        foreach (var sum in _sums)
        {
            BoxBlur.ClampedEdges(sum, _width, _height, _radius);
        }

        var floor = Math.Max(grain, 0.01f) * Math.Max(grain, 0.01f);
        for (var i = 0; i < n; i++)
        {
            float ws = _sums[0][i], wb = _sums[5][i];
            if (ws < LeastShare || wb < LeastShare || (_around[i] && !_core[i]))
            {
                term[i] = 0f;
                continue;
            }

            float r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2];
            var (ds, vs) = Gaussian(0, i, ws, r, g, b, floor);
            var (db, vb) = Gaussian(5, i, wb, r, g, b, floor);

            // Half the log-likelihood ratio: neighbouring pixels are not independent samples.
            var llr = 0.5f * (db / vb - ds / vs) + 1.5f * MathF.Log(vb / vs);
            term[i] = Math.Clamp(0.5f * llr, -Cap, Cap);
        }
    }

    /// <summary>The squared distance of (r, g, b) from one side's local mean, and that side's per-channel variance.</summary>
    private (float Distance, float Variance) Gaussian(int side, int i, float weight, float r, float g, float b, float floor)
    {
        float mr = _sums[side + 1][i] / weight, mg = _sums[side + 2][i] / weight, mb = _sums[side + 3][i] / weight;
        var variance = Math.Max(floor, (_sums[side + 4][i] / weight - (mr * mr + mg * mg + mb * mb)) / 3f);
        var distance = (r - mr) * (r - mr) + (g - mg) * (g - mg) + (b - mb) * (b - mb);
        return (distance, variance);
    }
}
