using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Matting;

/// <summary>
/// A model-free matter started from clicks. Each frame is segmented on a small working copy: tone models of subject and
/// backdrop (histograms seeded from the clicks and the frame border, then re-estimated from the segmentation, as GrabCut
/// does), a smoothed likelihood ratio, opening to drop the backdrop's thin lines, only the regions the clicks touch, and
/// holes filled. The clicks follow the subject from frame to frame, so the user clicks once.
/// </summary>
/// <remarks>
/// A matte that would cover nearly the whole frame means the clicks did not single out a subject (a click on the
/// backdrop); that frame gets an explicit empty matte rather than a wrong one.
/// </remarks>
public sealed class SeededMatter : IFrameStage
{
    private const int Bins = 32;
    private const double MaxCoverage = 0.85;
    private readonly PointPrompt[] _points;
    private readonly SeededMatterOptions _options;

    /// <summary>Creates the matter.</summary>
    /// <param name="points">Clicks on the first frame; at least one positive.</param>
    /// <param name="options">Refinement settings.</param>
    /// <exception cref="ArgumentException">No positive point was given.</exception>
    public SeededMatter(IEnumerable<PointPrompt> points, SeededMatterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        _points = points.ToArray();
        if (!_points.Any(p => p.Positive))
        {
            throw new ArgumentException("Matting needs at least one positive point on the subject (CLI: --point x,y).", nameof(points));
        }

        _options = options ?? new SeededMatterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.WorkingSize, 32, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.Feather, nameof(options));
    }

    /// <inheritdoc />
    public string Name => "matte (seeded)";

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Tracker? tracker = null;
        await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                tracker ??= new Tracker(frame.Width, frame.Height, _points, _options);
                tracker.Matte(frame);
            }
            catch
            {
                frame.Dispose();
                throw;
            }

            yield return frame;
        }
    }

    /// <summary>Per-run state: working size, tone models and where the clicks have moved to.</summary>
    private sealed class Tracker
    {
        private readonly int _width;
        private readonly int _height;
        private readonly int _factor;
        private readonly int _w;
        private readonly int _h;
        private readonly SeededMatterOptions _options;
        private readonly (int X, int Y, bool Positive)[] _seeds;
        private readonly float[] _luma;
        private readonly float[] _small;
        private readonly float[] _probability;
        private readonly bool[] _mask;
        private double[]? _subjectTones;
        private double[]? _backdropTones;

        public Tracker(int width, int height, PointPrompt[] points, SeededMatterOptions options)
        {
            foreach (var point in points)
            {
                point.EnsureInside(width, height);
            }

            (_width, _height, _options) = (width, height, options);
            _factor = Math.Max(1, (int)Math.Ceiling((double)Math.Max(width, height) / options.WorkingSize));
            _w = Math.Max(1, width / _factor);
            _h = Math.Max(1, height / _factor);
            _seeds = points.Select(p => (Math.Min(_w - 1, p.X / _factor), Math.Min(_h - 1, p.Y / _factor), p.Positive)).ToArray();
            _luma = new float[width * height];
            _small = new float[_w * _h];
            _probability = new float[_w * _h];
            _mask = new bool[_w * _h];
        }

        public void Matte(Frame frame)
        {
            if (frame.Width != _width || frame.Height != _height)
            {
                throw new InvalidFrameInputException($"Frame {frame.Index} is {frame.Width}x{frame.Height}; the clip being matted is {_width}x{_height}.");
            }

            FrameOps.Luma(frame.Rgb, _luma);
            Downsample();
            var first = _subjectTones is null;
            if (first)
            {
                _subjectTones = Histogram(i => NearSeed(i, positive: true));
                _backdropTones = Histogram(i => OnBorder(i) || NearSeed(i, positive: false));
            }

            for (var round = 0; round < (first ? 3 : 2); round++)
            {
                Segment();
                Relearn();
            }

            Segment();
            var coverage = _mask.Count(m => m) / (double)_mask.Length;
            var alpha = frame.EnsureAlpha(0);
            if (coverage == 0 || coverage > MaxCoverage)
            {
                alpha.Clear();
                return;
            }

            Upsample(alpha);
        }

        private void Downsample()
        {
            var f = _factor;
            for (var y = 0; y < _h; y++)
            {
                for (var x = 0; x < _w; x++)
                {
                    float sum = 0;
                    for (var dy = 0; dy < f; dy++)
                    {
                        var row = (y * f + dy) * _width + x * f;
                        for (var dx = 0; dx < f; dx++) sum += _luma[row + dx];
                    }

                    _small[y * _w + x] = sum / (f * f);
                }
            }
        }

        private void Segment()
        {
            for (var i = 0; i < _small.Length; i++)
            {
                var bin = Bin(_small[i]);
                var s = _subjectTones![bin];
                var b = _backdropTones![bin];
                _probability[i] = (float)((s + 1e-4) / (s + b + 2e-4));
            }

            MatteFilters.Blur(_probability, _w, _h, 1.5);
            for (var i = 0; i < _mask.Length; i++) _mask[i] = _probability[i] > 0.5f;

            // Opening removes the backdrop's thin ruled lines and grain, which share the subject's dark tone.
            MatteFilters.Morph(_mask, _w, _h, 1, dilate: false);
            MatteFilters.Morph(_mask, _w, _h, 1, dilate: true);
            FollowSeeds();
            MatteFilters.KeepRegions(_mask, _w, _h, _seeds.Where(s => s.Positive).Select(s => s.Y * _w + s.X));
            foreach (var negative in _seeds.Where(s => !s.Positive))
            {
                if (_mask[negative.Y * _w + negative.X])
                {
                    var cut = (bool[])_mask.Clone();
                    MatteFilters.KeepRegions(cut, _w, _h, [negative.Y * _w + negative.X]);
                    for (var i = 0; i < _mask.Length; i++) _mask[i] &= !cut[i];
                }
            }

            if (_options.FillHoles) MatteFilters.FillHoles(_mask, _w, _h);
            if (_options.Grow != 0) MatteFilters.Morph(_mask, _w, _h, Math.Abs(_options.Grow), dilate: _options.Grow > 0);
        }

        /// <summary>Moves each positive click to the nearest subject pixel when the subject has moved from under it.</summary>
        private void FollowSeeds()
        {
            var reach = Math.Max(3, Math.Min(_w, _h) / 8);
            for (var s = 0; s < _seeds.Length; s++)
            {
                var (sx, sy, positive) = _seeds[s];
                if (!positive || _mask[sy * _w + sx]) continue;
                var best = (X: sx, Y: sy, D: int.MaxValue);
                for (var y = Math.Max(0, sy - reach); y <= Math.Min(_h - 1, sy + reach); y++)
                {
                    for (var x = Math.Max(0, sx - reach); x <= Math.Min(_w - 1, sx + reach); x++)
                    {
                        var d = (x - sx) * (x - sx) + (y - sy) * (y - sy);
                        if (_mask[y * _w + x] && d < best.D) best = (x, y, d);
                    }
                }

                _seeds[s] = (best.X, best.Y, positive);
            }
        }

        /// <summary>Re-estimates both tone models from the current segmentation, keeping half of the old ones as an anchor.</summary>
        private void Relearn()
        {
            var inner = (bool[])_mask.Clone();
            MatteFilters.Morph(inner, _w, _h, 1, dilate: false);
            var outer = (bool[])_mask.Clone();
            MatteFilters.Morph(outer, _w, _h, 2, dilate: true);
            if (!inner.Any(m => m)) return;
            var subject = Histogram(i => inner[i]);
            var backdrop = Histogram(i => !outer[i]);
            for (var b = 0; b < Bins; b++)
            {
                _subjectTones![b] = 0.5 * _subjectTones[b] + 0.5 * subject[b];
                _backdropTones![b] = 0.5 * _backdropTones[b] + 0.5 * backdrop[b];
            }
        }

        private double[] Histogram(Func<int, bool> include)
        {
            var histogram = new double[Bins];
            var count = 0;
            for (var i = 0; i < _small.Length; i++)
            {
                if (!include(i)) continue;
                histogram[Bin(_small[i])] += 1;
                count++;
            }

            // Spread each count over its neighbours so an unseen but close tone is not ruled out.
            var smooth = new double[Bins];
            for (var b = 0; b < Bins; b++)
            {
                smooth[b] = 0.25 * histogram[Math.Max(0, b - 1)] + 0.5 * histogram[b] + 0.25 * histogram[Math.Min(Bins - 1, b + 1)];
            }

            for (var b = 0; b < Bins; b++) smooth[b] /= Math.Max(1, count);
            return smooth;
        }

        private bool NearSeed(int i, bool positive)
        {
            var radius = Math.Max(2, Math.Min(_w, _h) / 40);
            var x = i % _w;
            var y = i / _w;
            foreach (var s in _seeds)
            {
                if (s.Positive == positive && Math.Abs(s.X - x) <= radius && Math.Abs(s.Y - y) <= radius) return true;
            }

            return false;
        }

        private bool OnBorder(int i)
        {
            var band = Math.Max(2, Math.Min(_w, _h) / 25);
            var x = i % _w;
            var y = i / _w;
            return x < band || y < band || x >= _w - band;
        }

        private static int Bin(float luma) => Math.Clamp((int)(luma * Bins), 0, Bins - 1);

        private void Upsample(Span<byte> alpha)
        {
            var soft = new float[_width * _height];
            for (var y = 0; y < _height; y++)
            {
                var sy = Math.Clamp((y + 0.5f) / _factor - 0.5f, 0, _h - 1);
                var y0 = (int)sy;
                var y1 = Math.Min(_h - 1, y0 + 1);
                var fy = sy - y0;
                for (var x = 0; x < _width; x++)
                {
                    var sx = Math.Clamp((x + 0.5f) / _factor - 0.5f, 0, _w - 1);
                    var x0 = (int)sx;
                    var x1 = Math.Min(_w - 1, x0 + 1);
                    var fx = sx - x0;
                    float V(int xx, int yy) => _mask[yy * _w + xx] ? 1f : 0f;
                    var top = V(x0, y0) + (V(x1, y0) - V(x0, y0)) * fx;
                    var bottom = V(x0, y1) + (V(x1, y1) - V(x0, y1)) * fx;
                    soft[y * _width + x] = top + (bottom - top) * fy;
                }
            }

            if (_options.Feather > 0) MatteFilters.Blur(soft, _width, _height, _options.Feather);
            for (var i = 0; i < soft.Length; i++) alpha[i] = (byte)Math.Clamp(soft[i] * 255 + 0.5f, 0, 255);
        }
    }
}
