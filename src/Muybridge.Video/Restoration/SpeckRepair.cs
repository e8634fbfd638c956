using Muybridge.Video.Pixels;
using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Motion;

namespace Muybridge.Video.Restoration;

/// <summary>
/// Finds dust, scratches and specks that are on one photograph only and repairs them from its neighbours: each frame is
/// compared with the two nearest frames warped onto it by optical flow; a pixel is dirt when it stands out from both in
/// the same direction while they agree with each other (spike detection after Kokaram, "Motion Picture Restoration",
/// 1998), and it belongs to a small blob that stands alone. Such blobs and their soft edges take the average of the
/// warped neighbours, brought to the frame's exposure; every other pixel is left exactly as it was.
/// </summary>
/// <remarks>
/// Run it after <see cref="Registration.BackdropRegistration"/> so the neighbours line up before the flow refines them.
/// It holds four frames; clips of fewer than three frames pass through unchanged (there is nothing to compare with).
/// </remarks>
public sealed class SpeckRepair : IFrameStage
{
    /// <summary>A speck of a few pixels' radius is dust however small the frame (a plate's cells can be 100 pixels wide).</summary>
    private const int SmallestLargestSpeck = 40;

    private readonly DenseOpticalFlow _flow = new();
    private readonly FlowField _toFirst = new(1, 1);
    private readonly FlowField _toSecond = new(1, 1);
    private readonly List<int> _sizes = [];
    private readonly List<int> _pixels = [];
    private readonly List<(int Left, int Right, int Top, int Bottom, double Sum)> _blobs = [];
    private float[] _luma = [];
    private float[] _lumaFirst = [];
    private float[] _lumaSecond = [];
    private float[] _clean = [];
    private float[] _guide = [];
    private float[] _low = [];
    private float[] _high = [];
    private (float Gain, float Offset) _toneFirst;
    private (float Gain, float Offset) _toneSecond;
    private bool[] _suspect = [];
    private int[] _labels = [];

    // How much lighter this frame is than its tone-matched neighbours just around the blob being mended: each camera lit
    // the wall a little unevenly, and a global tone match leaves that local difference in the mend.
    private float _rimOffset;

    /// <summary>Creates the stage.</summary>
    public SpeckRepair(SpeckRepairOptions? options = null)
    {
        Options = options ?? new SpeckRepairOptions();
        Options.Validate();
    }

    /// <summary>The settings in use.</summary>
    public SpeckRepairOptions Options { get; }

    /// <inheritdoc />
    public string Name => "repair specks";

    /// <summary>How many specks were repaired in each frame of the last clip, in frame order.</summary>
    public IReadOnlyList<int> SpecksPerFrame => _specksPerFrame;

    private readonly List<int> _specksPerFrame = [];

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _specksPerFrame.Clear();

        // Originals k-3…k: the last frame is repaired from the two before it once the clip has ended.
        var window = new List<Frame>(4);
        var seen = 0;
        try
        {
            await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (window.Count > 0 && (window[0].Width != frame.Width || window[0].Height != frame.Height))
                {
                    frame.Dispose();
                    throw new InvalidFrameInputException($"Cannot compare frames of different sizes ({window[0].Width}x{window[0].Height} and {frame.Width}x{frame.Height}) for specks; fit them to one canvas first.");
                }

                window.Add(frame);
                seen++;
                if (window.Count > 4)
                {
                    window[0].Dispose();
                    window.RemoveAt(0);
                }

                if (seen == 3)
                {
                    yield return Repair(window[0], window[1], window[2]);
                }

                if (seen >= 3)
                {
                    yield return Repair(window[^2], window[^3], window[^1]);
                }
            }

            if (seen >= 3)
            {
                yield return Repair(window[^1], window[^2], window[^3]);
            }
            else
            {
                foreach (var frame in window)
                {
                    _specksPerFrame.Add(0);
                    yield return frame.Clone();
                }
            }
        }
        finally
        {
            window.ForEach(f => f.Dispose());
        }
    }

    private Frame Repair(Frame frame, Frame first, Frame second)
    {
        int width = frame.Width, height = frame.Height, n = frame.PixelCount;
        ScratchBuffer.Ensure(ref _luma, n);
        ScratchBuffer.Ensure(ref _lumaFirst, n);
        ScratchBuffer.Ensure(ref _lumaSecond, n);
        ScratchBuffer.Ensure(ref _clean, n);
        ScratchBuffer.Ensure(ref _guide, n);
        ScratchBuffer.Ensure(ref _low, n);
        ScratchBuffer.Ensure(ref _high, n);
        if (_suspect.Length < n)
        {
            _suspect = new bool[n];
            _labels = new int[n];
        }

        FlowLuma.Fill(frame, _luma);
        FlowLuma.Fill(first, _lumaFirst);
        FlowLuma.Fill(second, _lumaSecond);

        // Each camera had its own exposure: the neighbours are brought to this frame's tone before they are compared with it.
        _toneFirst = MatchTone(_lumaFirst.AsSpan(0, n), _luma.AsSpan(0, n));
        _toneSecond = MatchTone(_lumaSecond.AsSpan(0, n), _luma.AsSpan(0, n));
        FillObviousSpikes(width, height);
        _flow.Estimate(_guide.AsSpan(0, n), _lumaFirst.AsSpan(0, n), width, height, _toFirst);
        _flow.Estimate(_guide.AsSpan(0, n), _lumaSecond.AsSpan(0, n), width, height, _toSecond);
        FindSuspects(width, height);
        MaskMorphology.Regions(_suspect, width, height, _labels, _sizes);
        MeasureBlobs(width, n);

        var result = frame.Clone();
        var maxArea = Math.Max(SmallestLargestSpeck, (int)(Options.MaxSpeckArea * n));
        var repaired = 0;
        for (var label = 0; label < _sizes.Count; label++)
        {
            if (_sizes[label] >= Options.MinSpeckArea && _sizes[label] <= maxArea && IsAlone(label, width, height))
            {
                Mend(result, first, second, width, height);
                repaired++;
            }
        }

        _specksPerFrame.Add(repaired);
        return result;
    }

    /// <summary>
    /// Writes into <see cref="_guide"/> the frame's luma with its obvious spikes (nothing like them within
    /// <see cref="SpeckRepairOptions.MatchRadius"/> in either neighbour, same place) filled from the neighbours: the flow
    /// is measured on it, because a big speck drags the flow around it and its neighbours would then be sampled astray.
    /// </summary>
    private void FillObviousSpikes(int width, int height)
    {
        var n = width * height;
        for (var i = 0; i < n; i++)
        {
            _low[i] = MathF.Min(_lumaFirst[i], _lumaSecond[i]);
            _high[i] = MathF.Max(_lumaFirst[i], _lumaSecond[i]);
        }

        MaskMorphology.MinMax(_low.AsSpan(0, n), _guide.AsSpan(0, n), width, height, Options.MatchRadius, grow: false);
        MaskMorphology.MinMax(_high.AsSpan(0, n), _guide.AsSpan(0, n), width, height, Options.MatchRadius, grow: true);
        var threshold = Options.Threshold;
        for (var i = 0; i < n; i++)
        {
            var value = _luma[i];
            _guide[i] = value < _low[i] - threshold || value > _high[i] + threshold ? 0.5f * (_lumaFirst[i] + _lumaSecond[i]) : value;
        }
    }

    /// <summary>
    /// Marks pixels inside the margin that stand out from both warped neighbours, same way, where the neighbours agree and
    /// neither has anything like the pixel near where the flow points.
    /// </summary>
    private void FindSuspects(int width, int height)
    {
        Span<float> u1 = _toFirst.U, v1 = _toFirst.V, u2 = _toSecond.U, v2 = _toSecond.V;
        var threshold = Options.Threshold;
        var agreement = Options.NeighbourAgreement;
        var margin = (int)(Options.EdgeMargin * Math.Min(width, height));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                if (x < margin || y < margin || x >= width - margin || y >= height - margin)
                {
                    _suspect[i] = false;
                    _clean[i] = _luma[i];
                    continue;
                }

                var a = FloatPlane.Sample(_lumaFirst, width, height, x + u1[i], y + v1[i]);
                var b = FloatPlane.Sample(_lumaSecond, width, height, x + u2[i], y + v2[i]);
                _clean[i] = 0.5f * (a + b);
                float d1 = _luma[i] - a, d2 = _luma[i] - b;
                var spike = MathF.Min(MathF.Abs(d1), MathF.Abs(d2));
                _suspect[i] = d1 * d2 > 0 && spike > threshold && MathF.Abs(a - b) < MathF.Max(agreement, 0.5f * spike)
                    && !HasCounterpart(_luma[i], _lumaFirst, x + u1[i], y + v1[i], width, height)
                    && !HasCounterpart(_luma[i], _lumaSecond, x + u2[i], y + v2[i], width, height);
            }
        }
    }

    /// <summary>Gives <paramref name="plane"/> the mean and spread of <paramref name="reference"/>; returns the gain and offset used.</summary>
    private static (float Gain, float Offset) MatchTone(Span<float> plane, ReadOnlySpan<float> reference)
    {
        var (g, o) = ToneNormalizer.GainAndOffset(MeanAndSpread(plane), MeanAndSpread(reference));
        var (gain, offset) = ((float)g, (float)o);
        for (var i = 0; i < plane.Length; i++)
        {
            plane[i] = gain * plane[i] + offset;
        }

        return (gain, offset);
    }

    private static (double Mean, double Spread) MeanAndSpread(ReadOnlySpan<float> plane)
    {
        double sum = 0, squares = 0;
        foreach (var v in plane)
        {
            sum += v;
            squares += (double)v * v;
        }

        var mean = sum / plane.Length;
        return (mean, Math.Sqrt(Math.Max(0, squares / plane.Length - mean * mean)));
    }

    /// <summary>
    /// Whether <paramref name="neighbour"/> holds a pixel within <see cref="SpeckRepairOptions.MatchRadius"/> of (x, y) that
    /// is as light or dark as <paramref name="value"/>. Flow is loose on a bare wall and can lose a hoof or a bridle; what is
    /// on the neighbour a few pixels off is the picture, whereas dust has nothing like it anywhere near.
    /// </summary>
    private bool HasCounterpart(float value, float[] neighbour, float x, float y, int width, int height)
    {
        var r = Options.MatchRadius;
        int cx = (int)MathF.Round(x), cy = (int)MathF.Round(y);
        for (var yy = Math.Max(0, cy - r); yy <= Math.Min(height - 1, cy + r); yy++)
        {
            for (var xx = Math.Max(0, cx - r); xx <= Math.Min(width - 1, cx + r); xx++)
            {
                if (MathF.Abs(neighbour[yy * width + xx] - value) < Options.Threshold)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Each blob's bounding box and summed luma, in one pass over the labels.</summary>
    private void MeasureBlobs(int width, int n)
    {
        _blobs.Clear();
        for (var label = 0; label < _sizes.Count; label++)
        {
            _blobs.Add((int.MaxValue, -1, int.MaxValue, -1, 0));
        }

        for (var i = 0; i < n; i++)
        {
            var label = _labels[i];
            if (label < 0)
            {
                continue;
            }

            int x = i % width, y = i / width;
            var (left, right, top, bottom, sum) = _blobs[label];
            _blobs[label] = (Math.Min(left, x), Math.Max(right, x), Math.Min(top, y), Math.Max(bottom, y), sum + _luma[i]);
        }
    }

    /// <summary>
    /// Whether blob <paramref name="label"/> stands alone: few pixels of the ring two pixels out look like it. Collects the
    /// blob and its one-pixel edge into <see cref="_pixels"/> and the ring's local tone difference into
    /// <see cref="_rimOffset"/> on the way, for <see cref="Mend"/>.
    /// </summary>
    private bool IsAlone(int label, int width, int height)
    {
        _pixels.Clear();
        var (left, right, top, bottom, sum) = _blobs[label];
        var mean = sum / _sizes[label];
        int rim = 0, alike = 0;
        double rimSum = 0, rimOffset = 0;
        for (var y = Math.Max(0, top - 2); y <= Math.Min(height - 1, bottom + 2); y++)
        {
            for (var x = Math.Max(0, left - 2); x <= Math.Min(width - 1, right + 2); x++)
            {
                var distance = DistanceTo(label, x, y, width, height);
                if (distance <= 1)
                {
                    _pixels.Add(y * width + x);
                }
                else if (distance == 2)
                {
                    var i = y * width + x;
                    rim++;
                    rimSum += _luma[i];
                    rimOffset += _luma[i] - _clean[i];
                    var toBlob = Math.Abs(_luma[i] - mean);
                    if (toBlob < Options.Threshold || toBlob < Math.Abs(_luma[i] - _clean[i]))
                    {
                        alike++;
                    }
                }
            }
        }

        _rimOffset = rim > 0 ? (float)(rimOffset / rim) : 0;

        // A speck stands out from the picture around it as well as from the neighbours' view of the same place.
        return rim > 0 && alike <= Options.MaxRimLikeness * rim && Math.Abs(mean - rimSum / rim) > Options.Threshold;
    }

    /// <summary>Chessboard distance from (x, y) to the nearest pixel of the blob, up to 3.</summary>
    private int DistanceTo(int label, int x, int y, int width, int height)
    {
        var best = 3;
        for (var dy = -2; dy <= 2; dy++)
        {
            var yy = y + dy;
            if (yy < 0 || yy >= height)
            {
                continue;
            }

            for (var dx = -2; dx <= 2; dx++)
            {
                var xx = x + dx;
                if (xx >= 0 && xx < width && _labels[yy * width + xx] == label)
                {
                    best = Math.Min(best, Math.Max(Math.Abs(dx), Math.Abs(dy)));
                }
            }
        }

        return best;
    }

    /// <summary>
    /// Gives the blob the warped neighbours' colour; its edge pixels only where they lean the blob's way, so clean picture
    /// around a speck is left as it was.
    /// </summary>
    private void Mend(Frame result, Frame first, Frame second, int width, int height)
    {
        var rgb = result.Rgb;
        Span<float> u1 = _toFirst.U, v1 = _toFirst.V, u2 = _toSecond.U, v2 = _toSecond.V;
        var sign = 0f;
        foreach (var i in _pixels)
        {
            if (_suspect[i])
            {
                sign += _luma[i] - _clean[i];
            }
        }

        foreach (var i in _pixels)
        {
            if (!_suspect[i] && (_luma[i] - _clean[i]) * sign <= 0)
            {
                continue;
            }

            float x = i % width, y = i / width;
            for (var channel = 0; channel < 3; channel++)
            {
                var a = _toneFirst.Gain * SampleChannel(first.Rgb, width, height, x + u1[i], y + v1[i], channel) + _toneFirst.Offset;
                var b = _toneSecond.Gain * SampleChannel(second.Rgb, width, height, x + u2[i], y + v2[i], channel) + _toneSecond.Offset;
                rgb[3 * i + channel] = (byte)Math.Clamp(0.5f * (a + b) + _rimOffset + 0.5f, 0, 255);
            }
        }
    }

    /// <summary>Bilinear sample of one channel of interleaved RGB, clamped to the border.</summary>
    private static float SampleChannel(ReadOnlySpan<byte> rgb, int width, int height, float x, float y, int channel)
    {
        x = Math.Clamp(x, 0, width - 1.0001f);
        y = Math.Clamp(y, 0, height - 1.0001f);
        int ix = (int)x, iy = (int)y;
        float fx = x - ix, fy = y - iy;
        var i = iy * width + ix;
        var dx = ix + 1 < width ? 1 : 0;
        var dy = iy + 1 < height ? width : 0;
        float p00 = rgb[3 * i + channel], p01 = rgb[3 * (i + dx) + channel];
        float p10 = rgb[3 * (i + dy) + channel], p11 = rgb[3 * (i + dy + dx) + channel];
        var topRow = p00 + (p01 - p00) * fx;
        var bottomRow = p10 + (p11 - p10) * fx;
        return topRow + (bottomRow - topRow) * fy;
    }
}
