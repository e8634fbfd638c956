using Muybridge.Video.Frames;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Motion;

/// <summary>
/// Dense optical flow by pyramidal inverse-search patch matching (after Kroeger et al., "Fast Optical Flow using Dense
/// Inverse Search", 2016): patches are aligned by Gauss–Newton from coarse to fine with mean-normalised intensities (each
/// Muybridge camera had its own exposure), seeded by their neighbours and by a global translation found by exhaustive
/// search, then densified and smoothed along image edges.
/// </summary>
/// <remarks>Holds its working buffers between calls, so it allocates nothing per frame once warm; not thread-safe.</remarks>
public sealed class DenseOpticalFlow
{
    private readonly ImagePyramid _first = new();
    private readonly ImagePyramid _second = new();
    private readonly FlowField _levelFlow = new(1, 1);
    private readonly FlowField _coarserFlow = new(1, 1);
    private readonly FlowField _smoothed = new(1, 1);
    private readonly VariationalRefinement _refinement;
    private readonly FloatPlane _accU = new();
    private readonly FloatPlane _accV = new();
    private readonly FloatPlane _accW = new();
    private float[] _patchU = [];
    private float[] _patchV = [];
    private readonly float[] _template;
    private readonly float[] _gradX;
    private readonly float[] _gradY;
    private readonly float[] _warped;
    private readonly float[] _scratch;
    private float[] _luma0 = [];
    private float[] _luma1 = [];

    /// <summary>Creates an estimator.</summary>
    public DenseOpticalFlow(OpticalFlowOptions? options = null)
    {
        Options = options ?? new OpticalFlowOptions();
        Options.Validate();
        var n = Options.PatchSize * Options.PatchSize;
        _refinement = new VariationalRefinement { Smoothness = Options.RefinementSmoothness, FixedPointIterations = Options.RefinementIterations };
        _template = new float[n];
        _gradX = new float[n];
        _gradY = new float[n];
        _warped = new float[n];
        _scratch = new float[n];
    }

    /// <summary>The settings in use.</summary>
    public OpticalFlowOptions Options { get; }

    /// <summary>The global translation (at full resolution) found by the coarse search during the last call.</summary>
    public (float X, float Y) LastGlobalShift { get; private set; }

    /// <summary>Flow from <paramref name="first"/> to <paramref name="second"/> on their luma (alpha is composited on mid-grey).</summary>
    public void Estimate(Frame first, Frame second, FlowField flow)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Width != second.Width || first.Height != second.Height)
        {
            throw new InvalidFrameInputException($"Cannot estimate flow between frames of different sizes ({first.Width}x{first.Height} and {second.Width}x{second.Height}).");
        }

        ScratchBuffer.Ensure(ref _luma0, first.PixelCount);
        ScratchBuffer.Ensure(ref _luma1, first.PixelCount);
        FlowLuma.Fill(first, _luma0);
        FlowLuma.Fill(second, _luma1);
        Estimate(_luma0.AsSpan(0, first.PixelCount), _luma1.AsSpan(0, first.PixelCount), first.Width, first.Height, flow);
    }

    /// <summary>Flow between two single-channel images in 0…255, row-major, of the same size.</summary>
    public void Estimate(ReadOnlySpan<float> first, ReadOnlySpan<float> second, int width, int height, FlowField flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var p = Options.PatchSize;
        if (width <= p || height <= p)
        {
            throw new InvalidFrameInputException($"Frames of {width}x{height} are too small for one {p}-pixel flow patch (at least {p + 1} pixels a side).");
        }

        if (first.Length < width * height || second.Length < width * height)
        {
            throw new InvalidOptionException("The image spans are shorter than width × height.");
        }

        var levels = 1;
        while (levels < 10 && Math.Min(width, height) >> levels >= 2 * p)
        {
            levels++;
        }

        _first.Build(first, width, height, levels, gradients: true);
        _second.Build(second, width, height, levels, gradients: false);

        var searchLevel = levels - 1;
        while (searchLevel > 0 && _first[searchLevel].Width < 48)
        {
            searchLevel--;
        }

        var (gx, gy) = GlobalTranslation.Search(_first[searchLevel], _second[searchLevel], Options.MaxGlobalShift);
        LastGlobalShift = (gx * (1 << searchLevel), gy * (1 << searchLevel));

        var finest = Math.Min(Options.FinestLevel, levels - 1);
        for (var level = levels - 1; level >= finest; level--)
        {
            var image = _first[level];
            if (level == levels - 1)
            {
                _levelFlow.Resize(image.Width, image.Height);
                _levelFlow.Fill(0, 0);
            }
            else
            {
                FlowResampling.Upsample(_coarserFlow, _levelFlow, image.Width, image.Height);
            }

            var scale = 1f / (1 << level);
            SearchLevel(level, LastGlobalShift.X * scale, LastGlobalShift.Y * scale);
            if (Options.RefinementIterations > 0)
            {
                _refinement.Refine(image, _second[level], _levelFlow);
            }

            for (var pass = 0; pass < Options.SmoothingPasses; pass++)
            {
                FlowSmoothing.EdgeAware(_levelFlow, image, _smoothed);
                Copy(_smoothed, _levelFlow);
            }

            if (level > 0)
            {
                Copy(_levelFlow, _coarserFlow);
            }
        }

        if (finest > 0)
        {
            FlowResampling.Upsample(_coarserFlow, flow, width, height);
            return;
        }

        flow.Resize(width, height);
        _levelFlow.U.CopyTo(flow.U);
        _levelFlow.V.CopyTo(flow.V);
    }

    private static void Copy(FlowField source, FlowField target)
    {
        target.Resize(source.Width, source.Height);
        source.U.CopyTo(target.U);
        source.V.CopyTo(target.V);
    }

    private void SearchLevel(int level, float globalU, float globalV)
    {
        var scalar = Options.ScalarReference;
        var i0 = _first[level];
        var i1 = _second[level];
        var gxPlane = _first.GradientX(level);
        var gyPlane = _first.GradientY(level);
        int width = i0.Width, height = i0.Height, p = Options.PatchSize, stride = Options.PatchStride;
        var n = p * p;
        // A patch is warped with bilinear samples, which read one pixel past its far edge: the last patch starts one pixel
        // in, so that it can stay where it is (clamped at the very edge it was pushed a pixel inward at every level).
        int lastX = width - p - 1, lastY = height - p - 1;
        var nx = (lastX + stride - 1) / stride + 1;
        var ny = (lastY + stride - 1) / stride + 1;
        ScratchBuffer.Ensure(ref _patchU, nx * ny);
        ScratchBuffer.Ensure(ref _patchV, nx * ny);
        _accU.Resize(width, height);
        _accV.Resize(width, height);
        _accW.Resize(width, height);
        _accU.Span.Clear();
        _accV.Span.Clear();
        _accW.Span.Clear();
        float maxX = width - 1 - p, maxY = height - 1 - p;
        var initU = _levelFlow.U;
        var initV = _levelFlow.V;
        Span<float> candidatesU = stackalloc float[4];
        Span<float> candidatesV = stackalloc float[4];

        for (var j = 0; j < ny; j++)
        {
            var y0 = Math.Min(j * stride, lastY);
            for (var i = 0; i < nx; i++)
            {
                var x0 = Math.Min(i * stride, lastX);
                for (var r = 0; r < p; r++)
                {
                    var at = (y0 + r) * width + x0;
                    i0.Data.AsSpan(at, p).CopyTo(_template.AsSpan(r * p));
                    gxPlane.Data.AsSpan(at, p).CopyTo(_gradX.AsSpan(r * p));
                    gyPlane.Data.AsSpan(at, p).CopyTo(_gradY.AsSpan(r * p));
                }

                var sumGx = PatchKernels.Sum(_gradX, scalar);
                var sumGy = PatchKernels.Sum(_gradY, scalar);
                var sumT = PatchKernels.Sum(_template, scalar);
                // Hessian of the mean-normalised template: the gradients' own means removed.
                var hxx = PatchKernels.Dot(_gradX, _gradX, scalar) - sumGx * sumGx / n;
                var hxy = PatchKernels.Dot(_gradX, _gradY, scalar) - sumGx * sumGy / n;
                var hyy = PatchKernels.Dot(_gradY, _gradY, scalar) - sumGy * sumGy / n;
                var gtx = PatchKernels.Dot(_gradX, _template, scalar) - sumT * sumGx / n;
                var gty = PatchKernels.Dot(_gradY, _template, scalar) - sumT * sumGy / n;
                var det = hxx * hyy - hxy * hxy;

                var centre = (y0 + p / 2) * width + x0 + p / 2;
                var count = 0;
                candidatesU[count] = initU[centre];
                candidatesV[count++] = initV[centre];
                if (i > 0)
                {
                    candidatesU[count] = _patchU[j * nx + i - 1];
                    candidatesV[count++] = _patchV[j * nx + i - 1];
                }

                if (j > 0)
                {
                    candidatesU[count] = _patchU[(j - 1) * nx + i];
                    candidatesV[count++] = _patchV[(j - 1) * nx + i];
                }

                candidatesU[count] = globalU;
                candidatesV[count++] = globalV;

                float bestU = 0, bestV = 0, bestCost = float.MaxValue;
                for (var c = 0; c < count; c++)
                {
                    var cu = Math.Clamp(candidatesU[c], -x0, maxX - x0);
                    var cv = Math.Clamp(candidatesV[c], -y0, maxY - y0);
                    PatchKernels.Warp(i1.Data, width, x0 + cu, y0 + cv, p, _warped, scalar);
                    var cost = PatchKernels.NormalisedSsd(_warped, _template, _scratch, scalar) + Prior(cu - globalU, cv - globalV, n);
                    if (cost < bestCost)
                    {
                        (bestU, bestV, bestCost) = (cu, cv, cost);
                    }
                }

                float u = bestU, v = bestV;
                if (det > 1e-3f * (hxx + hyy) * (hxx + hyy) && det > 1e-6f)
                {
                    for (var iteration = 0; iteration < Options.Iterations; iteration++)
                    {
                        PatchKernels.Warp(i1.Data, width, x0 + u, y0 + v, p, _warped, scalar);
                        var sumW = PatchKernels.Sum(_warped, scalar);
                        var bx = PatchKernels.Dot(_gradX, _warped, scalar) - sumW * sumGx / n - gtx;
                        var by = PatchKernels.Dot(_gradY, _warped, scalar) - sumW * sumGy / n - gty;
                        var du = (hyy * bx - hxy * by) / det;
                        var dv = (hxx * by - hxy * bx) / det;
                        u = Math.Clamp(u - du, -x0, maxX - x0);
                        v = Math.Clamp(v - dv, -y0, maxY - y0);
                        if (du * du + dv * dv < 1e-4f)
                        {
                            break;
                        }
                    }

                    PatchKernels.Warp(i1.Data, width, x0 + u, y0 + v, p, _warped, scalar);
                    if (PatchKernels.NormalisedSsd(_warped, _template, _scratch, scalar) + Prior(u - globalU, v - globalV, n) > bestCost)
                    {
                        (u, v) = (bestU, bestV);
                        PatchKernels.Warp(i1.Data, width, x0 + u, y0 + v, p, _warped, scalar);
                    }
                }
                else
                {
                    PatchKernels.Warp(i1.Data, width, x0 + u, y0 + v, p, _warped, scalar);
                }

                _patchU[j * nx + i] = u;
                _patchV[j * nx + i] = v;
                var meanOffset = (PatchKernels.Sum(_warped, scalar) - sumT) / n;
                PatchKernels.Densify(_warped, _template, meanOffset, p, _accU.Span, _accV.Span, _accW.Span, y0 * width + x0, width, u, v, scalar);
            }
        }

        var flowU = _levelFlow.U;
        var flowV = _levelFlow.V;
        var accU = _accU.Span;
        var accV = _accV.Span;
        var accW = _accW.Span;
        for (var k = 0; k < flowU.Length; k++)
        {
            var w = accW[k];
            flowU[k] = w > 0 ? accU[k] / w : 0;
            flowV[k] = w > 0 ? accV[k] / w : 0;
        }
    }

    /// <summary>
    /// A weak preference for the backdrop's motion: it decides between candidates that match equally well (flat sky, a
    /// cut-out's empty surroundings) and costs a textured patch next to nothing.
    /// </summary>
    private static float Prior(float du, float dv, int n) => 0.05f * n * (du * du + dv * dv);
}
