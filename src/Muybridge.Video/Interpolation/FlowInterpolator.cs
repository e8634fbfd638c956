using Muybridge.Video.Frames;
using Muybridge.Video.Motion;

namespace Muybridge.Video.Interpolation;

/// <summary>
/// Motion-compensated interpolation: dense flow both ways, forward–backward consistency to find what each neighbour cannot
/// see, the motion splatted to time t (what moves against the backdrop wins collisions), both neighbours warped there and
/// blended by time and visibility. Cut-outs are warped premultiplied, so transparent surroundings never smear into the subject.
/// </summary>
/// <remarks>Keeps its working buffers between calls; one instance serves one stream at a time.</remarks>
public sealed class FlowInterpolator : IFrameInterpolator
{
    private readonly DenseOpticalFlow _forward;
    private readonly DenseOpticalFlow _backward;
    private readonly FlowField _f01 = new(1, 1);
    private readonly FlowField _f10 = new(1, 1);
    private readonly PushPullFill _fill = new();
    private float[] _priority0 = [];
    private float[] _priority1 = [];
    private float[] _midU = [];
    private float[] _midV = [];
    private float[] _accW = [];
    private float[] _coverage = [];
    private float[] _sample = [];
    private (float U, float V) _global;
    private float[] _weight = [];
    private float[] _confidence = [];
    private float[] _scratch = [];

    /// <summary>Creates the interpolator.</summary>
    public FlowInterpolator(FlowInterpolatorOptions? options = null)
    {
        Options = options ?? new FlowInterpolatorOptions();
        Options.Validate();
        _forward = new DenseOpticalFlow(Options.Flow);
        _backward = new DenseOpticalFlow(Options.Flow);
    }

    /// <summary>The settings in use.</summary>
    public FlowInterpolatorOptions Options { get; }

    /// <inheritdoc />
    public string Name => "flow";

    /// <summary>The flow from the first to the second frame of the last call (read-only use).</summary>
    public FlowField ForwardFlow => _f01;

    /// <inheritdoc />
    public void Interpolate(Frame first, Frame second, ReadOnlySpan<float> times, ReadOnlySpan<Frame> results, CancellationToken cancellationToken = default)
    {
        InterpolationChecks.Validate(first, second, times, results);
        if (times.Length == 0)
        {
            return;
        }

        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism };
        Parallel.Invoke(
            parallel,
            () => _forward.Estimate(first, second, _f01),
            () => _backward.Estimate(second, first, _f10));

        int width = first.Width, height = first.Height, n = width * height;
        ScratchBuffer.Ensure(ref _priority0, n);
        ScratchBuffer.Ensure(ref _priority1, n);
        ScratchBuffer.Ensure(ref _midU, n);
        ScratchBuffer.Ensure(ref _midV, n);
        ScratchBuffer.Ensure(ref _accW, n);
        ScratchBuffer.Ensure(ref _coverage, n);
        // The backdrop's motion: the median over a sparse grid is robust to the animal and cheap.
        var (globalU, globalV) = _global = DominantMotion.Median(_f01, 4096, ref _sample);
        Priorities(_f01, _f10, globalU, globalV, _priority0);
        Priorities(_f10, _f01, -globalU, -globalV, _priority1);

        for (var k = 0; k < times.Length; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SplatMotion(times[k], width, height);
            Render(first, second, times[k], results[k]);
        }
    }

    /// <summary>
    /// Splat weight per pixel: exp of how far its motion departs from the backdrop's (in front) minus its forward–backward
    /// disagreement (occluded in the other frame, so behind something there).
    /// </summary>
    private void Priorities(FlowField flow, FlowField back, float globalU, float globalV, float[] priority)
    {
        var u = flow.U;
        var v = flow.V;
        var strength = Options.ForegroundPriority;
        for (var y = 0; y < flow.Height; y++)
        {
            for (var x = 0; x < flow.Width; x++)
            {
                var i = y * flow.Width + x;
                var (bu, bv) = back.Sample(x + u[i], y + v[i]);
                var mismatch = MathF.Sqrt((u[i] + bu) * (u[i] + bu) + (v[i] + bv) * (v[i] + bv));
                var du = u[i] - globalU;
                var dv = v[i] - globalV;
                var relative = MathF.Sqrt(du * du + dv * dv);
                priority[i] = MathF.Exp(strength * Math.Min(relative, 20f) - Math.Min(mismatch / Options.OcclusionTolerance, 10f));
            }
        }
    }

    /// <summary>Motion at time t on the output grid (first→second, in pixels), splatted from both neighbours and hole-filled.</summary>
    private void SplatMotion(float t, int width, int height)
    {
        var n = width * height;
        var midU = _midU.AsSpan(0, n);
        var midV = _midV.AsSpan(0, n);
        var accW = _accW.AsSpan(0, n);
        var coverage = _coverage.AsSpan(0, n);
        midU.Clear();
        midV.Clear();
        accW.Clear();
        coverage.Clear();
        Splat(_f01, _priority0, t, 1f, width, height);
        Splat(_f10, _priority1, 1 - t, -1f, width, height);
        for (var i = 0; i < n; i++)
        {
            if (accW[i] > 0)
            {
                midU[i] /= accW[i];
                midV[i] /= accW[i];
            }
        }

        _fill.Fill(midU, midV, coverage, width, height);

        // Neighbouring pixels must agree on where they come from, or texture is torn into dust where the flow is unsure.
        ScratchBuffer.Ensure(ref _scratch, n);
        for (var pass = 0; pass < 2; pass++)
        {
            BoxBlur.Apply(midU, _scratch.AsSpan(0, n), width, height, 1);
            BoxBlur.Apply(midV, _scratch.AsSpan(0, n), width, height, 1);
        }
    }

    private void Splat(FlowField flow, float[] priority, float step, float sign, int width, int height)
    {
        var u = flow.U;
        var v = flow.V;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                var qx = x + step * u[i];
                var qy = y + step * v[i];
                var ix = (int)MathF.Floor(qx);
                var iy = (int)MathF.Floor(qy);
                var fx = qx - ix;
                var fy = qy - iy;
                var z = priority[i];
                var mu = sign * u[i];
                var mv = sign * v[i];
                Deposit(ix, iy, (1 - fx) * (1 - fy), z, mu, mv, width, height);
                Deposit(ix + 1, iy, fx * (1 - fy), z, mu, mv, width, height);
                Deposit(ix, iy + 1, (1 - fx) * fy, z, mu, mv, width, height);
                Deposit(ix + 1, iy + 1, fx * fy, z, mu, mv, width, height);
            }
        }
    }

    private void Deposit(int x, int y, float weight, float priority, float u, float v, int width, int height)
    {
        if ((uint)x >= (uint)width || (uint)y >= (uint)height || weight <= 0)
        {
            return;
        }

        var i = y * width + x;
        var w = weight * priority;
        _midU[i] += w * u;
        _midV[i] += w * v;
        _accW[i] += w;
        _coverage[i] += weight;
    }

    private void Render(Frame first, Frame second, float t, Frame result)
    {
        int width = first.Width, height = first.Height;
        var withAlpha = InterpolationChecks.PrepareAlpha(first, second, result);

        var tolerance = Options.OcclusionTolerance;
        var n = width * height;
        ScratchBuffer.Ensure(ref _weight, n);
        ScratchBuffer.Ensure(ref _confidence, n);
        ScratchBuffer.Ensure(ref _scratch, n);
        var (globalU, globalV) = _global;
        var fallback = Options.UncertainBlend;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism };

        // Share of the first neighbour per pixel: time, scaled by whether each neighbour sees the point (its own flow
        // there agrees with the motion at t). Smoothed, so the choice between neighbours changes over regions, not pixels.
        Parallel.For(0, height, parallel, y =>
        {
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                var u = _midU[i];
                var v = _midV[i];
                var (fu, fv) = _f01.Sample(x - t * u, y - t * v);
                var (bu, bv) = _f10.Sample(x + (1 - t) * u, y + (1 - t) * v);
                var d0 = ((fu - u) * (fu - u) + (fv - v) * (fv - v)) / (tolerance * tolerance);
                var d1 = ((bu + u) * (bu + u) + (bv + v) * (bv + v)) / (tolerance * tolerance);
                var w0 = (1 - t) * (1 / (1 + d0) + 0.02f);
                var w1 = t * (1 / (1 + d1) + 0.02f);
                _weight[i] = w0 / (w0 + w1);
                _confidence[i] = Math.Max(1 / (1 + d0), 1 / (1 + d1));
            }
        });
        BoxBlur.Apply(_weight.AsSpan(0, n), _scratch.AsSpan(0, n), width, height, 2);
        BoxBlur.Apply(_confidence.AsSpan(0, n), _scratch.AsSpan(0, n), width, height, 4);

        Parallel.For(0, height, parallel, y =>
        {
            Span<float> a = stackalloc float[4];
            Span<float> b = stackalloc float[4];
            Span<float> ga = stackalloc float[4];
            Span<float> gb = stackalloc float[4];
            var rgb = result.Rgb;
            var alpha = withAlpha ? result.Alpha : default;
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                var u = _midU[i];
                var v = _midV[i];
                var w0 = _weight[i];
                var w1 = 1 - w0;
                PremultipliedSample(first, x - t * u, y - t * v, a);
                PremultipliedSample(second, x + (1 - t) * u, y + (1 - t) * v, b);
                // Where neither neighbour confirms the motion, hedge toward the cross-fade of the backdrop-aligned
                // neighbours: a wrong sharp guess costs more than an honest blend.
                var hedge = fallback * (1 - _confidence[i]);
                if (hedge > 0)
                {
                    PremultipliedSample(first, x - t * globalU, y - t * globalV, ga);
                    PremultipliedSample(second, x + (1 - t) * globalU, y + (1 - t) * globalV, gb);
                    for (var c = 0; c < 4; c++)
                    {
                        a[c] = (1 - hedge) * (w0 * a[c] + w1 * b[c]) + hedge * ((1 - t) * ga[c] + t * gb[c]);
                    }
                }
                else
                {
                    for (var c = 0; c < 4; c++)
                    {
                        a[c] = w0 * a[c] + w1 * b[c];
                    }
                }

                var outA = a[3];
                var unpremultiply = outA > 1e-4f ? 1 / outA : 0;
                for (var c = 0; c < 3; c++)
                {
                    var value = a[c] * unpremultiply;
                    rgb[3 * i + c] = (byte)Math.Clamp(value * 255 + 0.5f, 0, 255);
                }

                if (withAlpha)
                {
                    alpha[i] = (byte)Math.Clamp(outA * 255 + 0.5f, 0, 255);
                }
            }
        });
    }

    /// <summary>Bilinear sample of premultiplied RGBA in 0…1 (opaque frames have alpha 1), clamped to the border.</summary>
    private static void PremultipliedSample(Frame frame, float x, float y, Span<float> rgba)
    {
        int width = frame.Width, height = frame.Height;
        x = Math.Clamp(x, 0, width - 1);
        y = Math.Clamp(y, 0, height - 1);
        var ix = Math.Min((int)x, Math.Max(width - 2, 0));
        var iy = Math.Min((int)y, Math.Max(height - 2, 0));
        var fx = x - ix;
        var fy = y - iy;
        var dx = width > 1 ? 1 : 0;
        var dy = height > 1 ? width : 0;
        var i = iy * width + ix;
        ReadOnlySpan<int> corners = [i, i + dx, i + dy, i + dy + dx];
        ReadOnlySpan<float> weights = [(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy];
        var rgb = frame.Rgb;
        rgba.Clear();
        var hasAlpha = frame.HasAlpha;
        var alpha = hasAlpha ? frame.Alpha : default;
        for (var k = 0; k < 4; k++)
        {
            var p = corners[k];
            var a = hasAlpha ? alpha[p] / 255f : 1f;
            var w = weights[k] * a / 255f;
            rgba[0] += w * rgb[3 * p];
            rgba[1] += w * rgb[3 * p + 1];
            rgba[2] += w * rgb[3 * p + 2];
            rgba[3] += weights[k] * a;
        }
    }
}
