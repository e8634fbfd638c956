using Muybridge.Video.Pixels;
using Muybridge.Video.Streaming;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using Muybridge.Video.Frames;
using Muybridge.Video.Motion;

namespace Muybridge.Video.Matting;

/// <summary>
/// A model-free matter started from clicks, in the manner of GrabCut: colour models of subject and backdrop (3-D histograms
/// seeded from the clicks and the frame border, then re-learnt from the segmentation), a contrast-sensitive smoothness
/// prior solved by mean-field iterations on a small working copy, only the regions the clicks touch, then
/// <see cref="MatteRefiner"/> (judged hole fill, islands, feather). The clicks follow the subject along the optical flow,
/// so the user clicks once; the colour models carry from frame to frame. Beside the colour models, a backdrop plate
/// (<see cref="BackdropPlate"/>) from the frames around each frame says where the backdrop shows.
/// </summary>
/// <remarks>
/// A matte that would cover nearly the whole frame means the clicks did not single out a subject (a click on the
/// backdrop); that frame gets an explicit empty matte rather than a wrong one.
/// </remarks>
public sealed class SeededMatter : IFrameStage
{
    private const double MaxCoverage = 0.85;
    private readonly PointPrompt[] _points;
    private readonly BoxPrompt[] _boxes;
    private readonly SeededMatterOptions _options;
    private readonly MatteRefinementOptions _refinement;
    private readonly MatteRefinementOptions? _loopSmoothing;

    /// <summary>Creates the matter.</summary>
    /// <param name="points">Clicks on the first frame; at least one positive.</param>
    /// <param name="options">Refinement settings.</param>
    /// <param name="boxes">Optional boxes around the subject: outside is backdrop.</param>
    /// <exception cref="ArgumentException">No positive point on the first frame.</exception>
    public SeededMatter(IEnumerable<PointPrompt> points, SeededMatterOptions? options = null, IEnumerable<BoxPrompt>? boxes = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        _points = points.ToArray();
        _boxes = (boxes ?? []).ToArray();
        PromptTracker.Validate(_points);

        _options = options ?? new SeededMatterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.WorkingSize, 32, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.BackdropFrames, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.BackdropFrames, 256, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.Feather, nameof(options));
        var refinement = new MatteRefinementOptions { FillHoles = _options.FillHoles, Grow = _options.Grow, Feather = (float)_options.Feather, GuidedRadius = 0, TemporalSmoothing = _options.TemporalSmoothing, Loop = _options.Loop };
        refinement.Validate();
        (_refinement, _loopSmoothing) = refinement.SplitForLoop();
    }

    /// <inheritdoc />
    public string Name => "matte (seeded)";

    /// <summary>Tests only: edits a frame's finished soft matte before it is written and carried to the next frame.</summary>
    internal Action<int, float[]>? EditMatte { get; init; }

    /// <inheritdoc />
    public IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, CancellationToken cancellationToken)
        => MatteRefiner.LoopSmoothed(MatteAsync(frames, cancellationToken), _loopSmoothing, cancellationToken);

    private async IAsyncEnumerable<Frame> MatteAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Segmenter? segmenter = null;
        PromptTracker? tracker = null;
        var refiner = new MatteRefiner(_refinement);
        var reach = _options.BackdropFrames / 2;
        await foreach (var frame in ReadAhead.RunAsync(frames, reach, Admit, Matte, cancellationToken).ConfigureAwait(false))
        {
            yield return frame;
        }

        long Admit(Frame frame)
        {
            segmenter ??= new Segmenter(frame.Width, frame.Height, _options.WorkingSize, _options.BackdropFrames == 0 ? 0 : 2 * reach + 1);
            // The same check as PromptTracker.Advance, which now sees a frame only after it was read ahead.
            if (frame.Width != segmenter.Width || frame.Height != segmenter.Height)
            {
                throw new InvalidFrameInputException($"Frame {frame.Index} is {frame.Width}x{frame.Height}; the clip being matted is {segmenter.Width}x{segmenter.Height}.");
            }

            return segmenter.Remember(frame);
        }

        Frame Matte(Frame frame, long index, long added)
        {
            tracker ??= new PromptTracker(_points, frame.Width, frame.Height, _boxes);
            tracker.Advance(frame);
            var soft = segmenter!.Segment(frame, tracker, Math.Max(0, index - reach), Math.Min(added, index + reach), index);
            var alpha = frame.EnsureAlpha(0);
            frame.MatteConfidence = segmenter.Confidence;
            if (soft is null)
            {
                alpha.Clear();
                segmenter.RememberFinal(null);
                return frame;
            }

            // Ground taken in under the belly closes the gaps between the legs into holes, and with the subject all round
            // them and no backdrop near to compare with, the hole fill takes the wall in; the carried matte and the
            // colours learnt from it then hold it there. So the band is cut before the refinement, or, where the output
            // keeps the band for a later stage (a recipe reads the hooves as they stand in it), the holes it alone
            // closes are kept open.
            var pixels = frame.PixelCount;
            var open = _options.CutGroundBand ? null : PlanePool<bool>.Shared.Rent(pixels);
            var ground = open is null ? null : PlanePool<bool>.Shared.Rent(pixels);
            var heldBefore = PlanePool<bool>.Shared.Rent(pixels);
            var filled = PlanePool<bool>.Shared.Rent(pixels);
            try
            {
                if (open is null)
                {
                    GroundBand.Cut(soft.AsSpan(0, pixels), frame.Width, frame.Height);
                }
                else
                {
                    GroundBand.HolesItCloses(soft.AsSpan(0, pixels), frame.Width, frame.Height, open, ground!);
                }

                refiner.Refine(frame, soft, open, segmenter.CarriedHeld(heldBefore) ? heldBefore : null, filled);

                // After the refinement, which follows the picture's edges and fills holes: a post or a cell's margin
                // against the subject, a shadow or ground strip against the feet have them too.
                segmenter.CutUprightBackdrop(soft.AsSpan(0, pixels), tracker, _refinement.Feather);
                if (_options.CutGroundBand)
                {
                    GroundBand.Cut(soft.AsSpan(0, pixels), frame.Width, frame.Height);
                }

                refiner.Settle(soft.AsSpan(0, pixels));
                EditMatte?.Invoke(frame.Index, soft);
                for (var i = 0; i < alpha.Length; i++)
                {
                    alpha[i] = (byte)Math.Clamp(soft[i] * 255f + 0.5f, 0f, 255f);
                }

                segmenter.RememberFinal(soft, filled, ground);
            }
            finally
            {
                if (open is not null)
                {
                    PlanePool<bool>.Shared.Return(open);
                    PlanePool<bool>.Shared.Return(ground!);
                }

                PlanePool<bool>.Shared.Return(heldBefore);
                PlanePool<bool>.Shared.Return(filled);
            }

            return frame;
        }
    }

    /// <summary>Per-run state: the working grid and the colour models learnt so far.</summary>
    private sealed class Segmenter
    {
        private const int Levels = 16;

        /// <summary>The carried matte's pull, in the data term's log-odds: less than a clear colour verdict (±6).</summary>
        private const float CarriedPrior = 1.5f;

        /// <summary>
        /// Deeper in the carried matte than this share of its greatest depth, the pull grows, by <see cref="DeepPull"/> over
        /// another <see cref="DeepRamp"/> of it, where the pixel lay that deep a frame before too: an outline moves by about
        /// the flow from frame to frame, so a bite far into the body (a back lit as pale as the wall on one camera's frame)
        /// is the colours' error. Shares of the subject's own thickness, so a leg never gets it; asked of two frames in a row,
        /// since legs gathered under the belly for one frame make a deep mass that the next frame's stride opens.
        /// </summary>
        private const float DeepFrom = 0.15f;

        private const float DeepRamp = 0.1f;

        /// <summary>A clear colour verdict (±6): deep inside, the carried shape outweighs one.</summary>
        private const float DeepPull = 6f;

        /// <summary>A carried click whose colours say backdrop by this much (log-odds; half a clear verdict) has slipped off.</summary>
        private const float SlippedClick = 3f;

        /// <summary>The grain assumed without a backdrop plate to measure it (0…1 units).</summary>
        private const float UnknownGrain = 0.03f;
        private const int GreyBins = 48;
        private const int Bins = Levels * Levels * Levels;
        private readonly int _width;
        private readonly int _height;
        private readonly int _factor;
        private readonly int _w;
        private readonly int _h;
        private readonly float[] _rgb;
        private readonly int[] _bin;
        private readonly float[] _unary;
        private readonly float[] _q;
        private readonly float[] _next;
        private readonly float[] _right;
        private readonly float[] _down;
        private readonly bool[] _mask;
        private readonly float[] _soft;
        private double[]? _subject;
        private double[]? _backdrop;
        private double[]? _firstSubject;
        private bool[]? _previous;
        private readonly bool[] _final;
        private readonly bool[] _carried;
        private readonly float[] _carriedPull;
        private readonly bool[] _carriedDeepBefore;
        private readonly bool[] _deepNow;
        private readonly bool[] _finalDeep;
        private bool _holdDeep;
        private readonly bool[] _finalHeld;
        private readonly bool[] _heldByMemory;
        private readonly bool[] _carriedHeld;
        private readonly bool[] _uprightCut;
        private int[] _clamps = [];
        private readonly LocalColourModel _localColours;
        private readonly float[] _localTerm;
        private readonly float[] _colourOdds;
        private bool _hasFinal;
        private readonly PromptSelection _selection = new();
        private readonly double[] _counts = new double[Bins];
        private readonly double[] _learnedSubject = new double[Bins];
        private readonly double[] _learnedBackdrop = new double[Bins];
        private bool _grey;
        private double[]? _firstBackdrop;
        private readonly BackdropPlate? _plate;
        private readonly float[] _plateTerm;
        private readonly float[] _plateWeight;
        private readonly int[] _plateBin;
        private readonly float[][] _local;
        private readonly float[] _edge;
        private readonly bool[] _inner;
        private readonly bool[] _outer;
        private readonly int[] _stack;
        private bool _usePlate;
        private bool _useCarried;
        private float _offset;
        private long _remembered;

        public Segmenter(int width, int height, int workingSize, int window)
        {
            (_width, _height) = (width, height);
            _factor = Math.Max(1, (int)Math.Ceiling((double)Math.Max(width, height) / workingSize));
            _w = Math.Max(1, width / _factor);
            _h = Math.Max(1, height / _factor);
            var n = _w * _h;
            _rgb = new float[3 * n];
            _bin = new int[n];
            _unary = new float[n];
            _q = new float[n];
            _next = new float[n];
            _right = new float[n];
            _down = new float[n];
            _mask = new bool[n];
            _soft = new float[width * height];
            _plate = window >= 3 ? new BackdropPlate(n, window) : null;
            _plateTerm = _plate is null ? [] : new float[n];
            _plateWeight = _plate is null ? [] : new float[n];
            _plateBin = _plate is null ? [] : new int[n];
            _local = _plate is null ? [] : [new float[n], new float[n], new float[n], new float[n]];
            _edge = new float[n];
            _stack = _plate is null ? [] : new int[n];
            _inner = new bool[n];
            _outer = new bool[n];
            _final = new bool[n];
            _carried = new bool[n];
            _carriedPull = new float[n];
            _carriedDeepBefore = new bool[n];
            _deepNow = new bool[n];
            _finalDeep = new bool[n];
            _finalHeld = new bool[n];
            _heldByMemory = new bool[n];
            _carriedHeld = new bool[n];
            _uprightCut = new bool[n];
            _localColours = new LocalColourModel(_w, _h);
            _localTerm = new float[n];
            _colourOdds = new float[n];
        }

        /// <summary>
        /// Keeps the frame's finished matte (after refinement and any cut; null when empty) to carry to the next frame, with
        /// what its hole fill filled (<paramref name="filled"/>) and, where the band is kept, the ground the band brings
        /// (<paramref name="ground"/>).
        /// </summary>
        public void RememberFinal(float[]? soft, bool[]? filled = null, bool[]? ground = null)
        {
            _hasFinal = soft is not null;
            if (soft is null)
            {
                return;
            }

            for (var y = 0; y < _h; y++)
            {
                var sy = Math.Min(_height - 1, y * _factor + _factor / 2);
                for (var x = 0; x < _w; x++)
                {
                    var i = sy * _width + Math.Min(_width - 1, x * _factor + _factor / 2);
                    _final[y * _w + x] = soft[i] >= 0.5f;
                    // The ground a kept band brings is wide and deep, but it is no body to hold.
                    _finalDeep[y * _w + x] = soft[i] >= 0.5f && _useCarried && _deepNow[y * _w + x] && !(ground is not null && ground[i]);
                    _finalHeld[y * _w + x] = soft[i] >= 0.5f && ((filled is not null && filled[i]) || _heldByMemory[y * _w + x]);
                }
            }
        }

        /// <summary>
        /// Writes where this frame lies under what the previous frame kept as subject against its look (its hole fill, and
        /// what only the carried matte held), carried along the flow (frame-sized, from the working grid), into
        /// <paramref name="mask"/>; false when nothing was carried (the first frame, no flow).
        /// </summary>
        public bool CarriedHeld(bool[] mask)
        {
            if (!_useCarried)
            {
                return false;
            }

            ToFrame(_carriedHeld, mask);
            return true;
        }

        /// <summary>Writes a working-grid mask at frame size (each frame pixel takes its grid cell's value).</summary>
        private void ToFrame(bool[] grid, bool[] frame)
        {
            for (var y = 0; y < _height; y++)
            {
                var row = Math.Min(_h - 1, y / _factor) * _w;
                for (var x = 0; x < _width; x++)
                {
                    frame[y * _width + x] = grid[row + Math.Min(_w - 1, x / _factor)];
                }
            }
        }

        /// <summary>
        /// The previous frame's finished matte moved along the flow to this frame: each covered working pixel lands where
        /// the flow takes it, closed by a pixel so the splat leaves no pinholes.
        /// </summary>
        private bool Carry(FlowField? flow)
        {
            if (!_hasFinal || flow is null)
            {
                return false;
            }

            Array.Clear(_carried);
            Array.Clear(_carriedHeld);
            Array.Clear(_carriedDeepBefore);
            for (var y = 0; y < _h; y++)
            {
                for (var x = 0; x < _w; x++)
                {
                    if (!_final[y * _w + x]) continue;
                    var (u, v) = flow.Sample((x + 0.5f) * _factor, (y + 0.5f) * _factor);
                    var tx = (int)MathF.Round(x + u / _factor);
                    var ty = (int)MathF.Round(y + v / _factor);
                    if ((uint)tx < (uint)_w && (uint)ty < (uint)_h)
                    {
                        _carried[ty * _w + tx] = true;
                        _carriedHeld[ty * _w + tx] |= _finalHeld[y * _w + x];
                        _carriedDeepBefore[ty * _w + tx] |= _finalDeep[y * _w + x];
                    }
                }
            }

            MaskMorphology.Close(_carried, _w, _h, 1);
            MaskMorphology.Close(_carriedHeld, _w, _h, 1);
            // The pull of the carried matte: where it was, growing with the depth inside it where it was deep before too.
            ChamferDistance.Inside(_carried, _w, _h, _carriedPull);
            var deepest = TensorPrimitives.Max<float>(_carriedPull);
            var (from, ramp) = (DeepFrom * deepest, Math.Max(1f, DeepRamp * deepest));
            for (var i = 0; i < _carriedPull.Length; i++)
            {
                var deep = Math.Clamp((_carriedPull[i] - from) / ramp, 0f, 1f);
                _deepNow[i] = _carried[i] && deep >= 0.5f;
                _carriedPull[i] = !_carried[i] ? 0f : CarriedPrior + (_deepNow[i] && _carriedDeepBefore[i] ? DeepPull * deep : 0f);
            }

            return true;
        }

        public int Width => _width;

        /// <summary>The last frame's <see cref="Agreement"/>; 0 for an empty matte.</summary>
        public float Confidence { get; private set; }

        public int Height => _height;

        /// <summary>Keeps the frame's working image for the backdrop plate; returns its index in the stream.</summary>
        public long Remember(Frame frame)
        {
            if (_plate is null)
            {
                return _remembered++;
            }

            Downsample(frame.Rgb);
            return _plate.Add(_rgb);
        }

        /// <summary>The soft matte (frame-sized, 0…1), or null when the clicks single out nothing.</summary>
        public float[]? Segment(Frame frame, PromptTracker tracker, long windowFirst, long windowLast, long index)
        {
            Downsample(frame.Rgb);
            Contrast();

            // Gathered over the frame's rounds: a post cut in one and missed in the next can still come back faintly.
            Array.Clear(_uprightCut);
            _usePlate = _plate is not null && windowLast - windowFirst >= 2;
            if (_usePlate)
            {
                _offset = _plate!.Estimate(windowFirst, windowLast, index);
                CompareWithPlate(_offset);
            }

            var seeds = tracker.Points.Select(p => (X: Math.Min(_w - 1, (int)p.X / _factor), Y: Math.Min(_h - 1, (int)p.Y / _factor), p.Positive)).ToArray();
            if (_usePlate)
            {
                ForgetFrozenSubject(seeds);
            }

            _useCarried = Carry(tracker.Flow);
            if (_useCarried)
            {
                // With the colour models the last frame left, before this frame's rounds relearn them.
                for (var i = 0; i < _colourOdds.Length; i++)
                {
                    _colourOdds[i] = ColourOdds(i);
                }

                _localColours.Evidence(_rgb, _carried, _colourOdds, _plate?.Noise ?? UnknownGrain, _localTerm);
            }

            FitClamps(seeds, tracker);
            if (_useCarried)
            {
                SnapSlippedClicks(seeds, tracker);
            }

            var first = _subject is null;
            if (first)
            {
                _subject = Histogram(i => NearSeed(i, seeds, positive: true), new double[Bins]);
                _backdrop = Histogram(i => OnBorder(i) || NearSeed(i, seeds, positive: false) || OutsideBox(i, tracker), new double[Bins]);
            }

            for (var round = 0; round < (first ? 4 : 2); round++)
            {
                Solve(seeds, tracker);
                Relearn();
            }

            if (first)
            {
                // What the first frame taught is the anchor later frames relearn around, so the models cannot drift
                // onto a patch of the coat or a stretch of backdrop over a long clip.
                _firstSubject = (double[])_subject!.Clone();
                _firstBackdrop = (double[])_backdrop!.Clone();
            }

            // The deep pull in this last labelling only: the rounds above relearnt the colour models from the matte as the
            // colours and the plain carried matte make it. Learnt from a held torso, the models took a dark ground band in
            // along with its dark colours (the bowler plate, its band kept for the ground speed).
            _holdDeep = true;
            Solve(seeds, tracker);
            _holdDeep = false;
            // Subject only because the carried matte (and the smoothing) held it: the colours alone call it backdrop.
            for (var i = 0; i < _mask.Length; i++)
            {
                _heldByMemory[i] = _mask[i] && _useCarried && _unary[i] + _localTerm[i] < 0;
            }

            _previous ??= new bool[_mask.Length];
            Array.Copy(_mask, _previous, _mask.Length);
            if (_usePlate)
            {
                // What lies well clear of the subject is backdrop the plate can count on later.
                Array.Copy(_mask, _outer, _mask.Length);
                MaskMorphology.Morph(_outer, _w, _h, 3, dilate: true);
                for (var i = 0; i < _outer.Length; i++)
                {
                    _outer[i] = !_outer[i];
                }

                _plate!.Learn(index, _outer);
            }

            var coverage = _mask.Count(m => m) / (double)_mask.Length;
            Confidence = coverage == 0 || coverage > MaxCoverage ? 0f : Agreement();
            if (coverage == 0 || coverage > MaxCoverage)
            {
                return null;
            }

            for (var i = 0; i < _edge.Length; i++)
            {
                _edge[i] = _mask[i] ? 1f : 0f;
            }

            if (_usePlate)
            {
                DifferenceEdge(_offset);
            }

            Upsample();
            return _soft;
        }

        /// <summary>
        /// How far the matte and the evidence under it agree: the overlap of the matte with the pixels whose own data term
        /// (global and local colour models and backdrop plate, before any smoothing or selection) says subject, over their
        /// union, counted in the matte's box grown by a tenth. Where smoothing, the clicks' selection or the previous frame
        /// had to overrule the evidence (a limb the colours lose, a ground strip they take in), it falls.
        /// </summary>
        private float Agreement()
        {
            int x0 = _w, y0 = _h, x1 = -1, y1 = -1;
            for (var i = 0; i < _mask.Length; i++)
            {
                if (!_mask[i]) continue;
                int x = i % _w, y = i / _w;
                (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y));
            }

            int gx = (x1 - x0) / 10 + 1, gy = (y1 - y0) / 10 + 1;
            long both = 0, either = 0;
            for (var y = Math.Max(0, y0 - gy); y <= Math.Min(_h - 1, y1 + gy); y++)
            {
                for (var x = Math.Max(0, x0 - gx); x <= Math.Min(_w - 1, x1 + gx); x++)
                {
                    var i = y * _w + x;
                    var evidence = _unary[i] + (_useCarried ? _localTerm[i] : 0f) > 0;
                    both += _mask[i] && evidence ? 1 : 0;
                    either += _mask[i] || evidence ? 1 : 0;
                }
            }

            return either == 0 ? 0f : (float)both / either;
        }

        private void Downsample(ReadOnlySpan<byte> rgb)
        {
            var f = _factor;
            var scale = 1f / (f * f * 255f);
            double colour = 0;
            for (var y = 0; y < _h; y++)
            {
                for (var x = 0; x < _w; x++)
                {
                    float r = 0, g = 0, b = 0;
                    for (var dy = 0; dy < f; dy++)
                    {
                        var row = 3 * ((y * f + dy) * _width + x * f);
                        for (var dx = 0; dx < 3 * f; dx += 3)
                        {
                            r += rgb[row + dx];
                            g += rgb[row + dx + 1];
                            b += rgb[row + dx + 2];
                        }
                    }

                    var i = y * _w + x;
                    (_rgb[3 * i], _rgb[3 * i + 1], _rgb[3 * i + 2]) = (r * scale, g * scale, b * scale);
                    _bin[i] = Quantise(_rgb[3 * i]) * Levels * Levels + Quantise(_rgb[3 * i + 1]) * Levels + Quantise(_rgb[3 * i + 2]);
                    colour += Math.Abs(_rgb[3 * i] - _rgb[3 * i + 1]) + Math.Abs(_rgb[3 * i + 1] - _rgb[3 * i + 2]);
                }
            }

            // A grey (or sepia-toned) plate has one meaningful channel: finer steps of lightness separate the animal from
            // the wall better than a colour cube whose cells all sit on its diagonal.
            _grey = colour / (_w * _h) < 0.03;
            if (_grey)
            {
                PageShading.Even(_rgb, _w, _h, Border);
                for (var i = 0; i < _bin.Length; i++)
                {
                    var luma = Luma.Of(_rgb[3 * i], _rgb[3 * i + 1], _rgb[3 * i + 2]);
                    _bin[i] = Math.Clamp((int)(luma * GreyBins), 0, GreyBins - 1);
                }
            }
        }

        /// <summary>
        /// Evidence from the backdrop plate: a pixel that matches the plate to within the grain is backdrop, one far from
        /// it has something in front of the backdrop. Weighted by how many frames agreed on the plate there.
        /// </summary>
        private void CompareWithPlate(float offset)
        {
            var plate = _plate!.Plate;
            var inverse = 1f / (_plate.Noise * _plate.Noise);
            for (var i = 0; i < _plateTerm.Length; i++)
            {
                float dr = _rgb[3 * i] - offset - plate[3 * i], dg = _rgb[3 * i + 1] - offset - plate[3 * i + 1], db = _rgb[3 * i + 2] - offset - plate[3 * i + 2];
                var z2 = (dr * dr + dg * dg + db * db) * inverse;
                _plateTerm[i] = Math.Clamp(0.5f * (z2 - 9f), -3f, 3f);
                _plateWeight[i] = Math.Clamp((_plate.Support[i] - 0.3f) / 0.3f, 0f, 1f);
                float r = plate[3 * i], g = plate[3 * i + 1], b = plate[3 * i + 2];
                _plateBin[i] = _grey
                    ? Math.Clamp((int)(Luma.Of(r, g, b) * GreyBins), 0, GreyBins - 1)
                    : Quantise(r) * Levels * Levels + Quantise(g) * Levels + Quantise(b);
            }
        }

        /// <summary>
        /// Soft edges where the backdrop is known: across a band around the segmentation's boundary, alpha is how far a
        /// pixel's colour has moved from the backdrop toward the subject's nearby colour (difference matting), so a
        /// blurred edge or a wisp of tail gets the partial cover it has instead of a hard step a pixel out.
        /// </summary>
        private void DifferenceEdge(float offset)
        {
            const int band = 1;
            const int reach = 2;
            Array.Copy(_mask, _inner, _mask.Length);
            MaskMorphology.Morph(_inner, _w, _h, band, dilate: false);
            Array.Copy(_mask, _outer, _mask.Length);
            MaskMorphology.Morph(_outer, _w, _h, band, dilate: true);

            // The subject's colour near each pixel: a local mean over pixels surely inside.
            var (r, g, b, weight) = (_local[0], _local[1], _local[2], _local[3]);
            for (var i = 0; i < _inner.Length; i++)
            {
                var inside = _inner[i] ? 1f : 0f;
                (r[i], g[i], b[i], weight[i]) = (inside * _rgb[3 * i], inside * _rgb[3 * i + 1], inside * _rgb[3 * i + 2], inside);
            }

            foreach (var plane in _local)
            {
                BoxBlur.ClampedEdges(plane, _w, _h, reach);
            }

            var plate = _plate!.Plate;
            var separable = 3 * 16 * _plate.Noise * _plate.Noise;
            for (var i = 0; i < _edge.Length; i++)
            {
                if (_inner[i] || !_outer[i] || weight[i] < 1e-3f || _plateWeight[i] < 0.5f)
                {
                    continue;
                }

                float fr = r[i] / weight[i], fg = g[i] / weight[i], fb = b[i] / weight[i];
                float br = plate[3 * i] + offset, bg = plate[3 * i + 1] + offset, bb = plate[3 * i + 2] + offset;
                float dr = fr - br, dg = fg - bg, db = fb - bb;
                var contrast = dr * dr + dg * dg + db * db;
                if (contrast < separable)
                {
                    continue;
                }

                var alpha = ((_rgb[3 * i] - br) * dr + (_rgb[3 * i + 1] - bg) * dg + (_rgb[3 * i + 2] - bb) * db) / contrast;
                _edge[i] = Math.Clamp(alpha, 0f, 1f);
            }
        }

        /// <summary>
        /// A subject that stood in the same place through most of the window is in the plate itself: where a positive
        /// click matches the plate, the plate has learnt the subject, and everything it joins to there (matching the
        /// plate too) is left to the colour models. At worst that is the whole frame, as without a plate.
        /// </summary>
        private void ForgetFrozenSubject((int X, int Y, bool Positive)[] seeds)
        {
            var stack = _stack;
            foreach (var seed in seeds)
            {
                var start = seed.Y * _w + seed.X;
                if (!seed.Positive || !Frozen(start)) continue;
                var top = 0;
                stack[top++] = start;
                _plateWeight[start] = 0f;
                while (top > 0)
                {
                    var i = stack[--top];
                    int x = i % _w, y = i / _w;
                    if (x > 0 && Frozen(i - 1)) { _plateWeight[i - 1] = 0f; stack[top++] = i - 1; }
                    if (x + 1 < _w && Frozen(i + 1)) { _plateWeight[i + 1] = 0f; stack[top++] = i + 1; }
                    if (y > 0 && Frozen(i - _w)) { _plateWeight[i - _w] = 0f; stack[top++] = i - _w; }
                    if (y + 1 < _h && Frozen(i + _w)) { _plateWeight[i + _w] = 0f; stack[top++] = i + _w; }
                }
            }
        }

        private bool Frozen(int i) => _plateWeight[i] > 0f && _plateTerm[i] < 0f;

        /// <summary>The global colour models' log-odds of subject against backdrop at a pixel, within ±6.</summary>
        private float ColourOdds(int i)
            => (float)Math.Clamp(Math.Log((_subject![_bin[i]] + 1e-5) / (_backdrop![_bin[i]] + 1e-5)), -6, 6);

        private static int Quantise(float v) => Math.Clamp((int)(v * Levels), 0, Levels - 1);

        // Neighbour weights exp(-β‖Δc‖²) with β from the image's mean contrast (as in GrabCut): strong across flat
        // regions, weak across edges, so the boundary settles on edges.
        private void Contrast()
        {
            double sum = 0;
            var count = 0;
            for (var y = 0; y < _h; y++)
            {
                for (var x = 0; x < _w; x++)
                {
                    var i = y * _w + x;
                    if (x + 1 < _w) { sum += Distance(i, i + 1); count++; }
                    if (y + 1 < _h) { sum += Distance(i, i + _w); count++; }
                }
            }

            var beta = (float)(1 / (2 * Math.Max(sum / Math.Max(1, count), 1e-6)));
            for (var y = 0; y < _h; y++)
            {
                for (var x = 0; x < _w; x++)
                {
                    var i = y * _w + x;
                    _right[i] = x + 1 < _w ? MathF.Exp(-beta * Distance(i, i + 1)) : 0f;
                    _down[i] = y + 1 < _h ? MathF.Exp(-beta * Distance(i, i + _w)) : 0f;
                }
            }
        }

        private float Distance(int a, int b)
        {
            float dr = _rgb[3 * a] - _rgb[3 * b], dg = _rgb[3 * a + 1] - _rgb[3 * b + 1], db = _rgb[3 * a + 2] - _rgb[3 * b + 2];
            return dr * dr + dg * dg + db * db;
        }

        // Mean-field inference of a two-label field: data term from the colour models, Potts smoothness weighted by
        // contrast, clicks clamped. A dozen sweeps settle a 320-pixel grid.
        private void Solve((int X, int Y, bool Positive)[] seeds, PromptTracker tracker)
        {
            const float smoothness = 1.2f;
            for (var i = 0; i < _q.Length; i++)
            {
                _unary[i] = ColourOdds(i);
                if (_usePlate && _plateWeight[i] > 0)
                {
                    // Trust the plate only as far as its own colour looks more like the backdrop than the subject: where
                    // a body covered the pixel in most frames (an elephant filling the picture), the plate is the body.
                    var ps = _subject![_plateBin[i]];
                    var pb = _backdrop![_plateBin[i]];
                    var trust = (float)Math.Clamp((pb - ps) / (pb + ps + 1e-9), 0, 1);
                    _unary[i] = Math.Clamp(_unary[i] + _plateWeight[i] * trust * _plateTerm[i], -8f, 8f);
                }

                _q[i] = 1f / (1f + MathF.Exp(-_unary[i]));
            }

            for (var sweep = 0; sweep < 12; sweep++)
            {
                for (var y = 0; y < _h; y++)
                {
                    for (var x = 0; x < _w; x++)
                    {
                        var i = y * _w + x;
                        // The last frame's matte, carried along the flow, is a shape prior: it leans toward the subject
                        // where the subject was, so a part the colours lose on this frame (a head as grey as the wall) is
                        // held; it only leans (deep inside the body, in the last labelling, it outweighs a clear verdict:
                        // see DeepFrom), and nothing pulls away elsewhere, so a part lost on one frame returns when the
                        // colours show it. Kept out of _unary, which stays the evidence the confidence is read from.
                        // Beside it, the colour models local to this part of the picture, learnt from the carried matte.
                        var field = !_useCarried ? _unary[i] : _unary[i] + _localTerm[i] + (_holdDeep ? _carriedPull[i] : _carried[i] ? CarriedPrior : 0f);
                        if (x > 0) field += smoothness * _right[i - 1] * (2 * _q[i - 1] - 1);
                        if (x + 1 < _w) field += smoothness * _right[i] * (2 * _q[i + 1] - 1);
                        if (y > 0) field += smoothness * _down[i - _w] * (2 * _q[i - _w] - 1);
                        if (y + 1 < _h) field += smoothness * _down[i] * (2 * _q[i + _w] - 1);
                        _next[i] = 1f / (1f + MathF.Exp(-field));
                    }
                }

                Array.Copy(_next, _q, _q.Length);

                // The top and side borders are backdrop (as GrabCut's rectangle says): clamped, they pull flat backdrop
                // regions that only touch the subject at one point (a sky band meeting a tail) back to the backdrop.
                for (var i = 0; i < _q.Length; i++)
                {
                    if (OnBorder(i) || OutsideBox(i, tracker))
                    {
                        _q[i] = 0f;
                    }
                }

                for (var s = 0; s < seeds.Length; s++)
                {
                    var (seed, clamp) = (seeds[s], _clamps[s]);
                    for (var y = Math.Max(0, seed.Y - clamp); y <= Math.Min(_h - 1, seed.Y + clamp); y++)
                    {
                        for (var x = Math.Max(0, seed.X - clamp); x <= Math.Min(_w - 1, seed.X + clamp); x++)
                        {
                            _q[y * _w + x] = seed.Positive ? 1f : 0f;
                        }
                    }
                }
            }

            for (var i = 0; i < _mask.Length; i++)
            {
                _mask[i] = _q[i] > 0.5f;
            }

            // Opening drops the backdrop's thin ruled lines and grain, which share the subject's dark tone.
            MaskMorphology.Open(_mask, _w, _h, 1);
            UprightBackdrop.Cut(_mask, _w, _h, Border, seeds, _uprightCut);
            var selected = _selection.Select(_mask, _w, _h, seeds, _previous);
            if (selected is null)
            {
                Array.Clear(_mask);
            }
            else
            {
                Array.Copy(selected, _mask, _mask.Length);
            }
        }

        /// <summary>Re-estimates both colour models from the current segmentation, keeping half of the old ones as an anchor.</summary>
        private void Relearn()
        {
            // _inner and _outer are scratch here: the steps that use them later fill them afresh.
            var inner = _inner;
            var outer = _outer;
            Array.Copy(_mask, inner, _mask.Length);
            MaskMorphology.Morph(inner, _w, _h, 1, dilate: false);
            Array.Copy(_mask, outer, _mask.Length);
            MaskMorphology.Morph(outer, _w, _h, 2, dilate: true);
            if (!inner.Contains(true))
            {
                return;
            }

            var subject = Histogram(i => inner[i], _learnedSubject);
            var backdrop = Histogram(i => !outer[i], _learnedBackdrop);
            for (var b = 0; b < Bins; b++)
            {
                _subject![b] = _firstSubject is null ? 0.5 * _subject[b] + 0.5 * subject[b] : 0.6 * _firstSubject[b] + 0.4 * subject[b];
                _backdrop![b] = _firstBackdrop is null ? 0.5 * _backdrop[b] + 0.5 * backdrop[b] : 0.6 * _firstBackdrop[b] + 0.4 * backdrop[b];
            }
        }

        /// <summary>Fills <paramref name="smooth"/> with the smoothed, normalised colour histogram of the included pixels.</summary>
        private double[] Histogram(Func<int, bool> include, double[] smooth)
        {
            var histogram = _counts;
            Array.Clear(histogram);
            var count = 0;
            for (var i = 0; i < _bin.Length; i++)
            {
                if (include(i))
                {
                    histogram[_bin[i]] += 1;
                    count++;
                }
            }

            // Spread each count over the neighbouring bins so an unseen but close colour is not ruled out.
            Array.Clear(smooth);
            if (_grey)
            {
                for (var b = 0; b < GreyBins; b++)
                {
                    smooth[b] = 0.25 * histogram[Math.Max(0, b - 1)] + 0.5 * histogram[b] + 0.25 * histogram[Math.Min(GreyBins - 1, b + 1)];
                }

                var sum = smooth.Sum();
                for (var b = 0; b < GreyBins; b++)
                {
                    smooth[b] /= Math.Max(1e-9, sum);
                }

                return smooth;
            }

            for (var r = 0; r < Levels; r++)
            {
                for (var g = 0; g < Levels; g++)
                {
                    for (var b = 0; b < Levels; b++)
                    {
                        var v = histogram[(r * Levels + g) * Levels + b];
                        if (v == 0) continue;
                        for (var dr = -1; dr <= 1; dr++)
                        {
                            for (var dg = -1; dg <= 1; dg++)
                            {
                                for (var db = -1; db <= 1; db++)
                                {
                                    int rr = r + dr, gg = g + dg, bb = b + db;
                                    if ((uint)rr < Levels && (uint)gg < Levels && (uint)bb < Levels)
                                    {
                                        smooth[(rr * Levels + gg) * Levels + bb] += v / (1 + Math.Abs(dr) + Math.Abs(dg) + Math.Abs(db));
                                    }
                                }
                            }
                        }
                    }
                }
            }

            var total = smooth.Sum();
            for (var b = 0; b < Bins; b++)
            {
                smooth[b] /= Math.Max(1e-9, total);
            }

            return smooth;
        }

        /// <summary>
        /// A click carried along the flow can slip off a fast leg onto the backdrop, and clamped there it makes a square
        /// of subject that the carried matte then holds. Where the colours, global and local, call it backdrop clearly, it
        /// goes to the nearest pixel they call subject that lies a square's reach inside the last matte as carried (a click
        /// placed on this frame stays where it was put); with none within reach, it clamps nothing on this frame.
        /// </summary>
        private void SnapSlippedClicks((int X, int Y, bool Positive)[] seeds, PromptTracker tracker)
        {
            var reach = Math.Max(3, Math.Min(_w, _h) / 12);

            // Deep enough in the carried matte that the click's clamped square lies inside it.
            var clamp = ClickClamp;
            bool Inside(int x, int y) => _carried[Math.Clamp(y, 0, _h - 1) * _w + Math.Clamp(x, 0, _w - 1)];
            bool Takes(int x, int y) => _colourOdds[y * _w + x] + _localTerm[y * _w + x] > 0 && Inside(x, y)
                && Inside(x - clamp, y - clamp) && Inside(x + clamp, y - clamp) && Inside(x - clamp, y + clamp) && Inside(x + clamp, y + clamp);
            for (var s = 0; s < seeds.Length; s++)
            {
                var (sx, sy, positive) = seeds[s];
                var at = sy * _w + sx;
                if (!positive || !tracker.Carried(s) || _colourOdds[at] + _localTerm[at] >= -SlippedClick)
                {
                    continue;
                }

                if (PromptTracker.Nearest(sx, sy, reach, _w, _h, Takes) is { } best)
                {
                    seeds[s] = (best.X, best.Y, true);
                    tracker.Move(s, (best.X + 0.5f) * _factor, (best.Y + 0.5f) * _factor);
                    _clamps[s] = clamp;
                }
                else
                {
                    // Nothing of the subject near enough: on this frame the click holds nothing where it lies.
                    _clamps[s] = -1;
                }
            }
        }

        /// <summary>
        /// How far round each click <see cref="Solve"/> clamps: <see cref="ClickClamp"/>, but for a positive click the flow
        /// carried, only the largest square round it that lies within the carried matte (none outside it). Clamped whole on
        /// a leg thinner than the square, or where it slipped off a leg with no place deep enough to snap to, the click
        /// paints a square of the wall as subject, and the carried matte then holds that square frame after frame.
        /// </summary>
        private void FitClamps((int X, int Y, bool Positive)[] seeds, PromptTracker tracker)
        {
            if (_clamps.Length != seeds.Length)
            {
                _clamps = new int[seeds.Length];
            }

            for (var s = 0; s < seeds.Length; s++)
            {
                var (x, y, positive) = seeds[s];
                _clamps[s] = positive && _useCarried && tracker.Carried(s) ? CarriedSquare(x, y, ClickClamp) : ClickClamp;
            }
        }

        /// <summary>The radius of the largest square (up to <paramref name="most"/>) round x, y within the carried matte; −1 when x, y lies outside it.</summary>
        private int CarriedSquare(int x, int y, int most)
        {
            for (var r = 0; r <= most; r++)
            {
                for (var ty = Math.Max(0, y - r); ty <= Math.Min(_h - 1, y + r); ty++)
                {
                    for (var tx = Math.Max(0, x - r); tx <= Math.Min(_w - 1, x + r); tx++)
                    {
                        if (!_carried[ty * _w + tx])
                        {
                            return r - 1;
                        }
                    }
                }
            }

            return most;
        }

        private bool NearSeed(int i, (int X, int Y, bool Positive)[] seeds, bool positive)
        {
            var radius = Math.Max(2, Math.Min(_w, _h) / 30);
            int x = i % _w, y = i / _w;
            foreach (var s in seeds)
            {
                if (s.Positive == positive && Math.Abs(s.X - x) <= radius && Math.Abs(s.Y - y) <= radius) return true;
            }

            return false;
        }

        private bool OutsideBox(int i, PromptTracker tracker)
            => tracker.Box is not null && tracker.OutsideBox((i % _w + 0.5f) * _factor, (i / _w + 0.5f) * _factor);

        /// <summary>Cuts the backdrop's upright structures (<see cref="UprightBackdrop"/>) from the finished, frame-sized matte.</summary>
        public void CutUprightBackdrop(Span<float> soft, PromptTracker tracker, double feather)
        {
            var seeds = tracker.Points.Select(p => (X: (int)p.X, Y: (int)p.Y, p.Positive)).ToArray();
            var cut = PlanePool<bool>.Shared.Rent(_width * _height);
            try
            {
                // What the segmentation cut counts too: the pieces it left loose may have come back with the refinement.
                ToFrame(_uprightCut, cut);

                UprightBackdrop.Cut(soft, _width, _height, Border * _factor, seeds, cut, _factor + (int)Math.Ceiling(3 * feather));
            }
            finally
            {
                PlanePool<bool>.Shared.Return(cut);
            }
        }

        /// <summary>How far round a click the segmentation is clamped to the click's side.</summary>
        private int ClickClamp => Math.Max(1, Math.Min(_w, _h) / 60);

        /// <summary>The band along the top and sides held as backdrop.</summary>
        private int Border => Math.Max(2, Math.Min(_w, _h) / 25);

        private bool OnBorder(int i)
        {
            var band = Border;
            int x = i % _w, y = i / _w;
            return x < band || y < band || x >= _w - band;
        }

        private void Upsample()
        {
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
                    var top = Value(x0, y0) + (Value(x1, y0) - Value(x0, y0)) * fx;
                    var bottom = Value(x0, y1) + (Value(x1, y1) - Value(x0, y1)) * fx;
                    _soft[y * _width + x] = top + (bottom - top) * fy;
                }
            }
        }

        private float Value(int x, int y) => _edge[y * _w + x];
    }
}
