using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;
using Muybridge.Video.Pixels;
using Muybridge.Video.Streaming;

namespace Muybridge.Video.Stylization;

/// <summary>
/// Colours grey frames from colour reference images, model-free: every pixel takes the Oklab colour of reference pixels
/// with the same tonal rank and texture (Welsh-style transfer), optionally per region (a subject reference for what the
/// matte covers, a background reference for the rest), shaped by the three <see cref="StyleOptions"/> knobs.
/// </summary>
public sealed class ReferenceColorizer : IFrameStage
{
    private readonly ColorPalette _background;
    private readonly ColorPalette? _subject;

    /// <summary>Colours with one reference, or a background reference plus a subject reference used where frames are matted.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A knob is outside 0…1.</exception>
    public ReferenceColorizer(Frame reference, StyleOptions? options = null, Frame? subjectReference = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        Options = options ?? new StyleOptions();
        Options.Validate();
        _background = new ColorPalette(reference);
        _subject = subjectReference is null ? null : new ColorPalette(subjectReference, subjectReference.HasAlpha ? subjectReference.Alpha : default);
    }

    /// <summary>The knobs in use.</summary>
    public StyleOptions Options { get; }

    /// <inheritdoc />
    public string Name => "colorize (reference)";

    /// <summary>Loads the reference image(s) from files.</summary>
    /// <exception cref="InvalidFrameInputException">A reference cannot be read.</exception>
    public static ReferenceColorizer FromFiles(string referencePath, StyleOptions? options = null, string? subjectReferencePath = null)
    {
        using var reference = FrameFile.Load(referencePath);
        using var subject = subjectReferencePath is null ? null : FrameFile.Load(subjectReferencePath);
        return new ReferenceColorizer(reference, options, subject);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, CancellationToken cancellationToken)
        => LoopPriming.RunAsync(frames, Options.Loop, Options.FrameConsistency, new Run(this).Colorize, cancellationToken);

    /// <summary>One clip: the temporal memory and the per-frame planes.</summary>
    private sealed class Run(ReferenceColorizer owner)
    {
        private const int RankBins = 1024;
        private readonly TemporalStabilizer _stabilizer = new();
        private readonly int[] _histogram = new int[RankBins];
        private float[] _lightness = [];
        private float[] _a = [];
        private float[] _b = [];
        private float[] _texture = [];
        private float[] _mean = [];
        private float[] _scratch = [];
        private readonly float[] _cumulative = new float[RankBins];

        public void Colorize(Frame frame)
        {
            var n = frame.PixelCount;
            Pixels.ScratchBuffer.Ensure(ref _lightness, n);
            Pixels.ScratchBuffer.Ensure(ref _a, n);
            Pixels.ScratchBuffer.Ensure(ref _b, n);
            Pixels.ScratchBuffer.Ensure(ref _texture, n);
            Pixels.ScratchBuffer.Ensure(ref _mean, n);
            Pixels.ScratchBuffer.Ensure(ref _scratch, n);
            Span<float> lightness = _lightness.AsSpan(0, n), a = _a.AsSpan(0, n), b = _b.AsSpan(0, n);
            Oklab.FromSrgb(frame.Rgb, lightness, a, b);
            var texture = _texture.AsSpan(0, n);
            ColorPalette.LocalSpread(lightness, frame.Width, frame.Height, texture, _mean, _scratch);
            var cumulative = Ranks(lightness);
            var options = owner.Options;
            var weight = options.StyleWeight;
            var structure = options.StructureConsistency;
            var alpha = frame.HasAlpha && owner._subject is not null ? frame.Alpha : default;
            var depth = frame.HasDepth ? frame.Depth : default;
            for (var i = 0; i < n; i++)
            {
                var rank = cumulative[Math.Clamp((int)(lightness[i] * RankBins), 0, RankBins - 1)];
                var (refL, refA, refB) = Lookup(owner._background, rank, texture[i]);
                if (!alpha.IsEmpty && alpha[i] > 0)
                {
                    var (subL, subA, subB) = Lookup(owner._subject!, rank, texture[i]);
                    var s = alpha[i] / 255f;
                    refL += (subL - refL) * s;
                    refA += (subA - refA) * s;
                    refB += (subB - refB) * s;
                }

                var styledL = lightness[i] + (refL - lightness[i]) * weight;
                var outA = a[i] + (refA - a[i]) * weight;
                var outB = b[i] + (refB - b[i]) * weight;
                if (!depth.IsEmpty)
                {
                    // Aerial perspective: far things lose colour, the more so the less structure is held fixed.
                    var fade = 1f - (1f - structure) * 0.6f * (1f - Math.Clamp(depth[i], 0f, 1f));
                    outA *= fade;
                    outB *= fade;
                }

                lightness[i] = structure * lightness[i] + (1 - structure) * styledL;
                a[i] = outA;
                b[i] = outB;
            }

            _stabilizer.Apply(frame, lightness, a, b, options.FrameConsistency, carryLightness: false);
            Oklab.ToSrgb(lightness, a, b, frame.Rgb);
        }

        private static (float L, float A, float B) Lookup(ColorPalette palette, float rank, float texture)
        {
            var l = palette.LightnessAt(rank);
            var (a, b) = palette.ColourFor(l, texture);
            return (l, a, b);
        }

        // The frame's cumulative distribution of lightness, so each pixel's tonal rank maps onto the reference's tones.
        private float[] Ranks(ReadOnlySpan<float> lightness)
        {
            Array.Clear(_histogram);
            foreach (var l in lightness)
            {
                _histogram[Math.Clamp((int)(l * RankBins), 0, RankBins - 1)]++;
            }

            var cumulative = _cumulative;
            var seen = 0;
            for (var i = 0; i < RankBins; i++)
            {
                cumulative[i] = (seen + _histogram[i] * 0.5f) / lightness.Length;
                seen += _histogram[i];
            }

            return cumulative;
        }
    }
}
