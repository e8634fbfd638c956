using Muybridge.Video.Frames;
using Muybridge.Video.Motion;

namespace Muybridge.Video.Stylization;

/// <summary>
/// Frame consistency: the previous output, warped along the optical flow of the input frames, is blended into the current
/// output where the warp is trustworthy (the input's brightness agrees after warping). Occluded and moving-into-view pixels
/// fail that check and keep their own colour, so smoothing does not smear; the recursion makes it exponential smoothing
/// along motion paths.
/// </summary>
internal sealed class TemporalStabilizer
{
    private readonly DenseOpticalFlow _flow = new();
    private readonly FlowField _field = new(1, 1);
    private float[] _luma = [];
    private float[] _previousLuma = [];
    private float[] _previousL = [];
    private float[] _previousA = [];
    private float[] _previousB = [];
    private int _width;
    private int _height;
    private bool _hasPrevious;

    /// <summary>Blends in place; <paramref name="lightnessToo"/> also smooths L (style models flicker in texture).</summary>
    public void Apply(Frame input, Span<float> lightness, Span<float> a, Span<float> b, float consistency, bool lightnessToo)
    {
        int width = input.Width, height = input.Height, n = input.PixelCount;
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

                    var mismatch = Math.Abs(_luma[i] - FloatPlane.Sample(_previousLuma, width, height, sx, sy)) / 255f;
                    var keep = consistency * MathF.Exp(-mismatch * 12f);
                    a[i] += (FloatPlane.Sample(_previousA, width, height, sx, sy) - a[i]) * keep;
                    b[i] += (FloatPlane.Sample(_previousB, width, height, sx, sy) - b[i]) * keep;
                    if (lightnessToo)
                    {
                        lightness[i] += (FloatPlane.Sample(_previousL, width, height, sx, sy) - lightness[i]) * keep;
                    }
                }
            }
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
}
