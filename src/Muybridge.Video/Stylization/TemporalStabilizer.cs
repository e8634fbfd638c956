using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Motion;
using Muybridge.Video.Numerics;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Stylization;

/// <summary>
/// Frame consistency: the previous output, warped along the optical flow of the input frames, is blended into the current
/// output where the warp is trustworthy: the input agrees after warping, once the change of exposure between the two
/// frames is set aside and grain is averaged out over a few pixels. Occluded and moving-into-view pixels fail that check
/// and move by at most a step under a just-noticeable difference, so smoothing does not smear; the recursion makes it
/// exponential smoothing along motion paths. The exposure jumps between Muybridge's cameras are evened out as well.
/// </summary>
public sealed class TemporalStabilizer
{
    // A stage writer's instance per stream: it remembers the previous frame.
    // Grain differs from frame to frame but averages out over a 3×3 neighbourhood; a misplaced edge or a limb that moved
    // does not.
    private const int AgreementRadius = 1;
    private const float AgreementFalloff = 12f;

    // The most an output moves toward the carried one where the warp is not trusted (and the colorizer's lightness
    // anywhere), per frame: under a just-noticeable difference in Oklab (lightness 0.02, about 4–5 grey levels in the
    // mid-tones; each of a and b 0.01). Enough to still the grain and the texture a style model repaints on every frame,
    // too little to draw a post or a leg where the flow mistook a ruled wall: carried in full, the colorizer's lightness
    // marbled the bowler plate's wall and ghosted its posts; at a 0.03 step a faint leg showed.
    private const float LightnessStep = 0.02f;
    private const float ChromaStep = 0.01f;
    private readonly DenseOpticalFlow _flow = new();
    private readonly FlowField _field = new(1, 1);
    private readonly LevelHistogram _differences = new();
    private float[] _luma = [];
    private float[] _mismatch = [];
    private float[] _previousLuma = [];
    private float[] _previousL = [];
    private float[] _previousA = [];
    private float[] _previousB = [];
    private static readonly float[] GreyLevels = Enumerable.Range(0, 256).Select(v => Oklab.FromSrgb((byte)v, (byte)v, (byte)v).L).ToArray();
    private float _exposureCorrection;
    private int _width;
    private int _height;
    private bool _hasPrevious;

    /// <summary>
    /// Blends the previous output into the current one (Oklab planes, in place). With <paramref name="carryLightness"/>
    /// lightness is carried pixel by pixel like colour (style models flicker in texture); without it the picture keeps its
    /// own lightness: its exposure is evened out as one offset for the frame, and each pixel moves toward the carried
    /// lightness by at most a small step, because carried in full it would also carry whatever the flow mistook on a
    /// ruled wall (ghosts of a post that moved otherwise), where colour shows nothing.
    /// </summary>
    public void Apply(Frame input, Span<float> lightness, Span<float> a, Span<float> b, float consistency, bool carryLightness)
    {
        ArgumentNullException.ThrowIfNull(input);
        int width = input.Width, height = input.Height, n = input.PixelCount;
        if (lightness.Length < n || a.Length < n || b.Length < n)
        {
            throw new InvalidOptionException($"The Oklab planes hold {Math.Min(lightness.Length, Math.Min(a.Length, b.Length))} values, not the frame's {n}.", nameof(lightness));
        }

        if (!(consistency >= 0f && consistency <= 1f))
        {
            throw new OptionOutOfRangeException(nameof(consistency), consistency, $"Frame consistency is a fraction from 0 to 1, not {consistency}.");
        }
        if (_hasPrevious && (width != _width || height != _height))
        {
            _hasPrevious = false;
        }

        ScratchBuffer.Ensure(ref _luma, n);
        FlowLuma.Fill(input, _luma);
        if (_hasPrevious && consistency > 0)
        {
            _flow.Estimate(_luma.AsSpan(0, n), _previousLuma.AsSpan(0, n), width, height, _field);
            var u = _field.U;
            var v = _field.V;
            ScratchBuffer.Ensure(ref _mismatch, n);
            var mismatch = _mismatch.AsSpan(0, n);
            _differences.Clear();
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var i = y * width + x;
                    var difference = _luma[i] - FloatPlane.Sample(_previousLuma, width, height, x + u[i], y + v[i]);
                    mismatch[i] = difference;
                    _differences.Add(difference);
                }
            }

            // The change of exposure from the previous frame.
            var exposure = _differences.Median();
            if (!carryLightness)
            {
                // Leaky memory of the exposure: each step passes on (1 - consistency) of its jump, and the correction
                // decays so that a real change of light (a fade) is followed. Carried lightness brings its exposure along.
                _exposureCorrection = consistency * (_exposureCorrection - exposure);
            }

            for (var i = 0; i < n; i++)
            {
                mismatch[i] = (mismatch[i] - exposure) / 255f;
            }

            if (!carryLightness)
            {
                // Evened out before the blend, so the previous lightness and this frame's stand at one exposure.
                for (var i = 0; i < n; i++)
                {
                    lightness[i] += GreyLightness(_luma[i] + _exposureCorrection) - GreyLightness(_luma[i]);
                }
            }

            BoxBlur.ClampedEdges(mismatch, width, height, AgreementRadius);
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var i = y * width + x;
                    float sx = x + u[i], sy = y + v[i];
                    if (sx < 0 || sy < 0 || sx > width - 1 || sy > height - 1)
                    {
                        continue;
                    }

                    // Where the warp is trusted the previous output is pulled in by its full share; where it is not, only
                    // by a step under a just-noticeable difference, so flicker the check cannot vouch for still settles and
                    // whatever the flow mistook shows at most that faintly. The colorizer's lightness is the photograph's
                    // own and moves by no more than that step anywhere.
                    var trusted = consistency * MathF.Exp(-Math.Abs(mismatch[i]) * AgreementFalloff);
                    var untrusted = consistency - trusted;
                    var lightnessTrust = carryLightness ? trusted : 0f;
                    lightness[i] += Pull(FloatPlane.Sample(_previousL, width, height, sx, sy) - lightness[i], lightnessTrust, consistency - lightnessTrust, LightnessStep);
                    a[i] += Pull(FloatPlane.Sample(_previousA, width, height, sx, sy) - a[i], trusted, untrusted, ChromaStep);
                    b[i] += Pull(FloatPlane.Sample(_previousB, width, height, sx, sy) - b[i], trusted, untrusted, ChromaStep);
                }
            }
        }

        if (!_hasPrevious || consistency <= 0)
        {
            _exposureCorrection = 0;
        }

        ScratchBuffer.Ensure(ref _previousLuma, n);
        ScratchBuffer.Ensure(ref _previousL, n);
        ScratchBuffer.Ensure(ref _previousA, n);
        ScratchBuffer.Ensure(ref _previousB, n);
        _luma.AsSpan(0, n).CopyTo(_previousLuma);
        lightness.CopyTo(_previousL);
        a.CopyTo(_previousA);
        b.CopyTo(_previousB);
        (_width, _height, _hasPrevious) = (width, height, true);
    }

    /// <summary>The share <paramref name="trusted"/> of the difference in full and the share <paramref name="untrusted"/> of it bounded by <paramref name="step"/>.</summary>
    private static float Pull(float difference, float trusted, float untrusted, float step)
        => difference * trusted + Math.Clamp(difference, -step, step) * untrusted;

    /// <summary>Oklab lightness of a grey level (0…255, interpolated, clamped).</summary>
    private static float GreyLightness(float level)
    {
        level = Math.Clamp(level, 0f, 255f);
        var low = Math.Min(254, (int)level);
        return GreyLevels[low] + (GreyLevels[low + 1] - GreyLevels[low]) * (level - low);
    }
}
