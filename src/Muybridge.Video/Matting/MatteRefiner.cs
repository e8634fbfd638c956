using Muybridge.Video.Frames;
using Muybridge.Video.Motion;
using Muybridge.Video.Pixels;
using Muybridge.Video.Streaming;

namespace Muybridge.Video.Matting;

/// <summary>
/// Cleans up the alpha plane of every frame (<see cref="MatteRefinementOptions"/>): guided-filter edges against the image,
/// hole fill, island removal, grow/shrink, feather and motion-aware temporal smoothing. Frames without alpha pass unchanged.
/// </summary>
public sealed class MatteRefiner : IFrameStage
{
    private float[] _alpha = [];
    private float[] _guide = [];
    private float[] _previousAlpha = [];
    private float[] _previousGuide = [];
    private float[][] _scratch = [[], [], [], [], [], [], [], []];
    private bool _hasPrevious;

    /// <summary>Creates the refiner.</summary>
    public MatteRefiner(MatteRefinementOptions? options = null)
    {
        Options = options ?? new MatteRefinementOptions();
        Options.Validate();
    }

    /// <summary>The settings in use.</summary>
    public MatteRefinementOptions Options { get; }

    /// <inheritdoc />
    public string Name => "refine matte";

    /// <inheritdoc />
    public IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, CancellationToken cancellationToken)
        => LoopPriming.RunAsync(frames, Options.Loop, Options.TemporalSmoothing, RefineIfMatted, cancellationToken);

    /// <summary>
    /// The stage a matter that refines as it goes ends with: its own output again, smoothed over time from the clip's end
    /// when <paramref name="refinement"/> loops (see <see cref="MatteRefinementOptions.SplitForLoop"/>).
    /// </summary>
    internal static IAsyncEnumerable<Frame> LoopSmoothed(IAsyncEnumerable<Frame> matted, MatteRefinementOptions? loopSmoothing, CancellationToken cancellationToken)
        => loopSmoothing is null ? matted : new MatteRefiner(loopSmoothing).ProcessAsync(matted, cancellationToken);

    private void RefineIfMatted(Frame frame)
    {
        if (frame.HasAlpha)
        {
            Refine(frame);
        }
    }

    /// <summary>Refines one frame's alpha plane in place; successive calls form the temporal sequence.</summary>
    public void Refine(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var n = frame.PixelCount;
        ScratchBuffer.Ensure(ref _alpha, n);
        var alpha = frame.Alpha;
        for (var i = 0; i < n; i++)
        {
            _alpha[i] = alpha[i] * (1f / 255f);
        }

        Refine(frame, _alpha.AsSpan(0, n));
        for (var i = 0; i < n; i++)
        {
            alpha[i] = (byte)Math.Clamp(_alpha[i] * 255f + 0.5f, 0f, 255f);
        }
    }

    /// <summary>
    /// Refines a soft matte (0…1, frame-sized) of <paramref name="frame"/> in place; the hole fill leaves the pixels
    /// <paramref name="keepOpen"/> marks (when given) as they are, fills a hole most of which <paramref name="heldBefore"/>
    /// marks (what the previous frame kept as subject against its look — a filled hole, a part the carried matte held —
    /// carried to this frame), and marks what it fills in <paramref name="filled"/>.
    /// </summary>
    internal void Refine(Frame frame, Span<float> alpha, bool[]? keepOpen = null, bool[]? heldBefore = null, bool[]? filled = null)
    {
        int width = frame.Width, height = frame.Height, n = frame.PixelCount;
        ScratchBuffer.Ensure(ref _guide, n);
        for (var s = 0; s < _scratch.Length; s++)
        {
            ScratchBuffer.Ensure(ref _scratch[s], n);
        }

        var guide = _guide.AsSpan(0, n);
        Luma.FillUnit(frame.Rgb, guide);
        if (Options.GuidedRadius > 0)
        {
            GuidedFilter(guide, alpha, width, height);
        }

        if (Options.FillHoles || Options.MinIslandFraction > 0)
        {
            var mask = ScratchBuffer.Exact(ref _mask, n);
            for (var i = 0; i < n; i++)
            {
                mask[i] = alpha[i] >= 0.5f;
            }

            if (Options.MinIslandFraction > 0)
            {
                var kept = Copy(mask, ref _kept, n);
                MaskMorphology.RemoveSmallRegions(kept, width, height, (int)(Options.MinIslandFraction * n));
                for (var i = 0; i < n; i++)
                {
                    if (mask[i] && !kept[i])
                    {
                        alpha[i] = 0f;
                    }
                }

                Array.Copy(kept, mask, n);
            }

            if (Options.FillHoles)
            {
                FillHoles(alpha, guide, mask, width, height, keepOpen, heldBefore, filled);
            }
        }

        if (Options.Grow != 0)
        {
            MaskMorphology.MinMax(alpha, _scratch[0].AsSpan(0, n), width, height, Math.Abs(Options.Grow), grow: Options.Grow > 0);
        }

        if (Options.Feather > 0)
        {
            BoxBlur.ClampedGaussian(alpha, width, height, Options.Feather);
        }

        if (Options.TemporalSmoothing > 0)
        {
            Smooth(guide, alpha, n, width);
        }
    }

    // A hole is filled when it is small (a speck of light on the coat), when the matte there is merely unsure (a pale patch
    // the model half-saw), or when it does not look like the backdrop just outside the subject (a white patch on a dark
    // horse against a grey wall). A large, confidently empty hole that looks like the backdrop is real background: the gap
    // between legs. Cracks up to 1 % of the frame are closed first, so a patch touching the outline still counts. What was
    // kept as subject against its look a frame ago (filled, or held by the carried matte) stays filled while it stays a
    // hole: the colours of a white coat patch on a pale wall, or an elephant's lit back, sway from frame to frame between
    // "the wall" and "unsure"; the gap two legs leave as they part was dark leg a frame before, kept by its look.
    private void FillHoles(Span<float> alpha, ReadOnlySpan<float> guide, bool[] mask, int width, int height, bool[]? keepOpen, bool[]? heldBefore, bool[]? filled)
    {
        var n = width * height;
        var closed = Copy(mask, ref _closed, n);
        var seal = Math.Max(1, Math.Min(width, height) / 100);
        MaskMorphology.Close(closed, width, height, seal);
        var holes = Copy(closed, ref _holes, n);
        MaskMorphology.FillHoles(holes, width, height);
        var plain = Copy(mask, ref _plain, n);
        MaskMorphology.FillHoles(plain, width, height);
        for (var i = 0; i < n; i++)
        {
            holes[i] = ((holes[i] && !closed[i]) || (plain[i] && !mask[i])) && (keepOpen is null || !keepOpen[i]);
        }

        // The backdrop's look near each hole: a band just outside the subject, within the hole's box grown by half its size.
        var band = Copy(closed, ref _band, n);
        MaskMorphology.Morph(band, width, height, Math.Max(2, Math.Min(width, height) / 30), dilate: true);
        if (_labels.Length < n)
        {
            _labels = new int[n];
        }

        var labels = _labels;
        var sizes = _sizes;
        MaskMorphology.Regions(holes, width, height, labels, sizes);
        var regions = sizes.Count;
        var matte = Cleared(ref _regionMatte, regions);
        var look = Cleared(ref _regionLook, regions);
        var box = Cleared(ref _regionBox, regions);
        Array.Fill(box, (int.MaxValue, int.MaxValue, -1, -1), 0, regions);
        for (var i = 0; i < n; i++)
        {
            var label = labels[i];
            if (label >= 0)
            {
                matte[label] += alpha[i];
                look[label] += guide[i];
                int x = i % width, y = i / width;
                var b = box[label];
                box[label] = (Math.Min(b.X0, x), Math.Min(b.Y0, y), Math.Max(b.X1, x), Math.Max(b.Y1, y));
            }
        }

        var before = Cleared(ref _regionHeldBefore, regions);
        if (heldBefore is not null)
        {
            for (var i = 0; i < n; i++)
            {
                if (labels[i] >= 0 && heldBefore[i])
                {
                    before[labels[i]]++;
                }
            }
        }

        var small = Math.Max(4, n / 1000);
        var fill = Cleared(ref _regionFill, regions);
        for (var label = 0; label < sizes.Count; label++)
        {
            var size = sizes[label];
            fill[label] = size <= small || matte[label] / size >= 0.15 || 2 * before[label] > size
                || !LooksLikeBackdrop(label, look[label] / size, box[label], guide, band, closed, labels, width, height);
        }

        for (var i = 0; i < n; i++)
        {
            var filling = labels[i] >= 0 && fill[labels[i]];
            if (filling)
            {
                alpha[i] = 1f;
            }

            if (filled is not null)
            {
                filled[i] = filling;
            }
        }
    }

    /// <summary>A per-region buffer at least <paramref name="count"/> long, its first <paramref name="count"/> entries cleared.</summary>
    private static T[] Cleared<T>(ref T[] buffer, int count)
    {
        ScratchBuffer.Ensure(ref buffer, count);
        Array.Clear(buffer, 0, count);
        return buffer;
    }

    /// <summary>
    /// Whether hole <paramref name="label"/> looks like the backdrop just outside the subject near it: its mean lies within
    /// that backdrop's spread of the backdrop's mean, and most of its pixels lie within the range the backdrop spans (its
    /// 10th to 90th percentile of lightness, widened by a grain). A gap between the legs shows the wall, lines and all; a
    /// white patch on a horse over a lined wall has a mean within the lines' spread but lies above all of the wall's light.
    /// </summary>
    private bool LooksLikeBackdrop(int label, double mean, (int X0, int Y0, int X1, int Y1) box, ReadOnlySpan<float> guide, bool[] band, bool[] subject, int[] labels, int width, int height)
    {
        var grow = Math.Max(4, Math.Max(box.X1 - box.X0, box.Y1 - box.Y0) / 2);
        var values = _backdropValues;
        values.Clear();
        for (var y = Math.Max(0, box.Y0 - grow); y <= Math.Min(height - 1, box.Y1 + grow); y++)
        {
            for (var x = Math.Max(0, box.X0 - grow); x <= Math.Min(width - 1, box.X1 + grow); x++)
            {
                var i = y * width + x;
                if (band[i] && !subject[i] && labels[i] < 0)
                {
                    values.Add(guide[i]);
                }
            }
        }

        if (values.Count < 8)
        {
            return false;
        }

        double sum = 0, squares = 0;
        foreach (var v in values)
        {
            sum += v;
            squares += v * v;
        }

        var local = sum / values.Count;
        var spread = Math.Sqrt(Math.Max(0, squares / values.Count - local * local));
        if (Math.Abs(mean - local) > Math.Max(0.08, 1.5 * spread))
        {
            return false;
        }

        values.Sort();
        const float grain = 0.03f;
        float low = values[values.Count / 10] - grain, high = values[values.Count * 9 / 10] + grain;
        int inside = 0, count = 0;
        for (var y = box.Y0; y <= box.Y1; y++)
        {
            for (var x = box.X0; x <= box.X1; x++)
            {
                var i = y * width + x;
                if (labels[i] != label) continue;
                count++;
                inside += guide[i] >= low && guide[i] <= high ? 1 : 0;
            }
        }

        return 2 * inside >= count;
    }

    // He, Sun and Tang's guided filter with the grey image as guide: the matte becomes locally a linear function of the
    // image, so its edge follows the image's edge instead of the model's blurry 1024-pixel prediction.
    private void GuidedFilter(Span<float> guide, Span<float> alpha, int width, int height)
    {
        var n = width * height;
        var r = Options.GuidedRadius;
        var eps = Options.GuidedEpsilon;
        Span<float> meanI = _scratch[0].AsSpan(0, n), meanP = _scratch[1].AsSpan(0, n), corrI = _scratch[2].AsSpan(0, n), corrIp = _scratch[3].AsSpan(0, n);
        guide.CopyTo(meanI);
        alpha.CopyTo(meanP);
        for (var i = 0; i < n; i++)
        {
            corrI[i] = guide[i] * guide[i];
            corrIp[i] = guide[i] * alpha[i];
        }

        // The four planes blur independently, each with its own scratch plane, so they run side by side; each blur is
        // the same arithmetic as one after the other, so the matte is the same to the bit.
        BlurSideBySide(n, width, height, r, first: 0, count: 4);
        for (var i = 0; i < n; i++)
        {
            var variance = corrI[i] - meanI[i] * meanI[i];
            var covariance = corrIp[i] - meanI[i] * meanP[i];
            var a = covariance / (variance + eps);
            corrI[i] = a;
            corrIp[i] = meanP[i] - a * meanI[i];
        }

        BlurSideBySide(n, width, height, r, first: 2, count: 2);
        for (var i = 0; i < n; i++)
        {
            alpha[i] = Math.Clamp(corrI[i] * guide[i] + corrIp[i], 0f, 1f);
        }
    }

    /// <summary>Box-blurs scratch planes first … first + count - 1 (of 0…3) in parallel, plane k using scratch plane 4 + k.</summary>
    private void BlurSideBySide(int n, int width, int height, int radius, int first, int count)
    {
        var scratch = _scratch;
        Parallel.For(first, first + count, plane => BoxBlur.ShrinkingWindow(scratch[plane].AsSpan(0, n), scratch[4 + plane].AsSpan(0, n), width, height, radius));
    }

    private void Smooth(Span<float> guide, Span<float> alpha, int n, int width)
    {
        if (_hasPrevious && _previousAlpha.Length >= n && _previousGuide.Length >= n && _previousWidth == width)
        {
            for (var i = 0; i < n; i++)
            {
                // Weight falls to nothing once the pixel's brightness changed by a few percent: something moved there.
                var change = Math.Abs(guide[i] - _previousGuide[i]);
                var keep = Options.TemporalSmoothing * MathF.Exp(-change * 40f);
                alpha[i] += (_previousAlpha[i] - alpha[i]) * keep;
            }
        }

        ScratchBuffer.Ensure(ref _previousAlpha, n);
        ScratchBuffer.Ensure(ref _previousGuide, n);
        alpha.CopyTo(_previousAlpha);
        guide.CopyTo(_previousGuide);
        _previousWidth = width;
        _hasPrevious = true;
    }

    /// <summary>
    /// Replaces the matte the next frame is smoothed toward with <paramref name="alpha"/>, this frame's matte as it was
    /// finished after the refinement: what a later cut removed must not come back faintly on the next frame.
    /// </summary>
    internal void Settle(ReadOnlySpan<float> alpha)
    {
        if (_hasPrevious && _previousAlpha.Length >= alpha.Length)
        {
            alpha.CopyTo(_previousAlpha);
        }
    }

    private int _previousWidth;
    private bool[] _mask = [];
    private bool[] _kept = [];
    private bool[] _closed = [];
    private bool[] _holes = [];
    private int[] _regionHeldBefore = [];
    private bool[] _plain = [];
    private bool[] _band = [];
    private int[] _labels = [];
    private readonly List<int> _sizes = [];
    private readonly List<float> _backdropValues = [];
    private double[] _regionMatte = [];
    private double[] _regionLook = [];
    private (int X0, int Y0, int X1, int Y1)[] _regionBox = [];
    private bool[] _regionFill = [];

    private static bool[] Copy(bool[] source, ref bool[] buffer, int n)
    {
        var target = ScratchBuffer.Exact(ref buffer, n);
        Array.Copy(source, target, n);
        return target;
    }
}
