using Muybridge.Video.Frames;
using Muybridge.Video.Motion;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Interpolation;

/// <summary>
/// Motion-compensated interpolation: dense flow both ways, forward–backward consistency to find what each neighbour cannot
/// see, the motion splatted to time t (what moves against the backdrop wins collisions), both neighbours warped there and
/// blended by time and visibility. Cut-outs are warped premultiplied, so transparent surroundings never smear into the subject.
/// Where the motion is unsure the result leans toward a cross-fade of the backdrop-aligned neighbours and is blurred there:
/// the best guess at a leg that may be anywhere along its path is a soft one, not two sharp ghosts.
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
    // Differences below a couple of grey levels per channel are grain, not evidence against the motion.
    private const float MismatchFloor = 3 * (2f / 255) * (2f / 255);

    private float[] _motionMismatch = [];
    private float[] _backdropMismatch = [];
    private float[] _hedge = [];
    private readonly float[][] _premultiplied = [[], [], [], []];
    private readonly float[][] _blurred = [[], [], [], []];
    private readonly float[][] _blurScratch = [[], [], [], []];

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
            BoxBlur.ShrinkingWindow(midU, _scratch.AsSpan(0, n), width, height, 1);
            BoxBlur.ShrinkingWindow(midV, _scratch.AsSpan(0, n), width, height, 1);
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
        ScratchBuffer.Ensure(ref _motionMismatch, n);
        ScratchBuffer.Ensure(ref _backdropMismatch, n);
        ScratchBuffer.Ensure(ref _hedge, n);
        ScratchBuffer.Ensure(ref _scratch, n);
        foreach (ref var plane in _premultiplied.AsSpan())
        {
            ScratchBuffer.Ensure(ref plane, n);
        }

        var (globalU, globalV) = _global;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism };

        // Two kinds of evidence per pixel. Geometric: does each neighbour's own flow agree with the motion at t (it sees the
        // point)? That sets each neighbour's share. Photometric: do the two neighbours, warped along the motion, agree
        // better than they do aligned on the backdrop? Both are smoothed, so decisions change over regions, not pixels.
        Parallel.For(0, height, parallel, y =>
        {
            Span<float> a = stackalloc float[4];
            Span<float> b = stackalloc float[4];
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

                PremultipliedSample(first, x - t * u, y - t * v, a);
                PremultipliedSample(second, x + (1 - t) * u, y + (1 - t) * v, b);
                _motionMismatch[i] = SquaredDistance(a, b);
                PremultipliedSample(first, x - t * globalU, y - t * globalV, a);
                PremultipliedSample(second, x + (1 - t) * globalU, y + (1 - t) * globalV, b);
                _backdropMismatch[i] = SquaredDistance(a, b);
                // The backdrop-aligned cross-fade, kept for the blend below (its planes are overwritten there).
                for (var c = 0; c < 4; c++)
                {
                    _premultiplied[c][i] = (1 - t) * a[c] + t * b[c];
                }
            }
        });
        BoxBlur.ShrinkingWindow(_weight.AsSpan(0, n), _scratch.AsSpan(0, n), width, height, 2);
        BoxBlur.ShrinkingWindow(_confidence.AsSpan(0, n), _scratch.AsSpan(0, n), width, height, 4);
        BoxBlur.ShrinkingWindow(_motionMismatch.AsSpan(0, n), _scratch.AsSpan(0, n), width, height, 4);
        BoxBlur.ShrinkingWindow(_backdropMismatch.AsSpan(0, n), _scratch.AsSpan(0, n), width, height, 4);

        var fallback = Options.UncertainBlend;
        Parallel.For(0, height, parallel, y =>
        {
            Span<float> a = stackalloc float[4];
            Span<float> b = stackalloc float[4];
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                var u = _midU[i];
                var v = _midV[i];
                var w0 = _weight[i];
                var w1 = 1 - w0;
                PremultipliedSample(first, x - t * u, y - t * v, a);
                PremultipliedSample(second, x + (1 - t) * u, y + (1 - t) * v, b);
                // Where the motion is unconfirmed, hedge toward the cross-fade of the backdrop-aligned neighbours: a wrong
                // sharp guess costs more than an honest blend. Unconfirmed: neither neighbour's flow agrees with it, or the
                // neighbours agree better on the backdrop than along it (the two opinions are averaged).
                var motion = _motionMismatch[i];
                var backdropFits = motion / (motion + _backdropMismatch[i] + MismatchFloor);
                var hedge = fallback * 0.5f * (1 - _confidence[i] + backdropFits);
                for (var c = 0; c < 4; c++)
                {
                    _premultiplied[c][i] = (1 - hedge) * (w0 * a[c] + w1 * b[c]) + hedge * _premultiplied[c][i];
                }

                _hedge[i] = hedge;
            }
        });

        BlurWhereUnsure(width, height, withAlpha);
        Parallel.For(0, height, parallel, y =>
        {
            var rgb = result.Rgb;
            var alpha = withAlpha ? result.Alpha : default;
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                var outA = _premultiplied[3][i];
                var unpremultiply = outA > 1e-4f ? 1 / outA : 0;
                for (var c = 0; c < 3; c++)
                {
                    rgb[3 * i + c] = (byte)Math.Clamp(_premultiplied[c][i] * unpremultiply * 255 + 0.5f, 0, 255);
                }

                if (withAlpha)
                {
                    alpha[i] = (byte)Math.Clamp(outA * 255 + 0.5f, 0, 255);
                }
            }
        });
    }

    /// <summary>
    /// Blends each premultiplied plane toward a blurred copy of itself by how far the pixel was hedged. A hedged pixel is a
    /// cross-fade of where something was and where it went; the truth lies somewhere on the way, so the blur (scaled to the
    /// picture, since motion is) is the cheaper error and reads as motion blur rather than a double image.
    /// </summary>
    private void BlurWhereUnsure(int width, int height, bool withAlpha)
    {
        var radius = (int)MathF.Round(Options.UncertainBlur * Math.Min(width, height));
        if (radius < 1)
        {
            return;
        }

        var n = width * height;
        var planes = withAlpha ? 4 : 3;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism };
        Parallel.For(0, planes, parallel, c =>
        {
            ScratchBuffer.Ensure(ref _blurred[c], n);
            ScratchBuffer.Ensure(ref _blurScratch[c], n);
            var plane = _premultiplied[c].AsSpan(0, n);
            var blurred = _blurred[c].AsSpan(0, n);
            var scratch = _blurScratch[c].AsSpan(0, n);
            plane.CopyTo(blurred);
            BoxBlur.ShrinkingWindow(blurred, scratch, width, height, radius);
            BoxBlur.ShrinkingWindow(blurred, scratch, width, height, radius);
            var hedge = _hedge.AsSpan(0, n);
            for (var i = 0; i < n; i++)
            {
                plane[i] += hedge[i] * (blurred[i] - plane[i]);
            }
        });
    }

    private static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        (a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]);

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
        int i00 = iy * width + ix, i01 = i00 + dx, i10 = i00 + dy, i11 = i10 + dx;
        float w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy;
        var rgb = frame.Rgb;
        if (frame.HasAlpha)
        {
            var alpha = frame.Alpha;
            w00 *= alpha[i00] / 255f;
            w01 *= alpha[i01] / 255f;
            w10 *= alpha[i10] / 255f;
            w11 *= alpha[i11] / 255f;
        }

        // Opaque frames (most plates) skip the alpha plane: their weights already sum to one.
        rgba[3] = w00 + w01 + w10 + w11;
        const float scale = 1 / 255f;
        for (var c = 0; c < 3; c++)
        {
            rgba[c] = scale * (w00 * rgb[3 * i00 + c] + w01 * rgb[3 * i01 + c] + w10 * rgb[3 * i10 + c] + w11 * rgb[3 * i11 + c]);
        }
    }
}
