using Muybridge.Video.Frames;
using Muybridge.Video.Numerics;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Matting;

/// <summary>
/// Patches of backdrop that a matting model took in (the dark ground between a horse's legs, a shadowed furrow under its
/// belly): with a camera that stands still, the frames around show what lies at each pixel whenever the model called it
/// backdrop there. A solid region of the current matte whose every pixel matches that, to within the grain and after each
/// frame's exposure offset, is backdrop too and is cut. Thin parts (a leg over ground of its own colour) and the fringe
/// survive the check, since a region must still be solid after a one-pixel erosion, and so does a region a positive click
/// holds. Where the backdrop moves (a pan), the frames do not agree on it and nothing is cut.
/// </summary>
public sealed class BackdropCheck
{
    // Below this matte value a frame is taken to show the backdrop at that pixel (the soft fringe is neither).
    private const float Clear = 0.1f;

    private readonly byte[][] _images;
    private readonly float[][] _mattes;
    private readonly WindowSlots _slots;
    private readonly float[] _offsets;
    private readonly LevelHistogram _histogram = new();
    // One sorting buffer per band of rows, so the bands find their pixels' backdrops side by side.
    private readonly float[][] _samples;
    private readonly int[][] _sampleSlots;
    private readonly List<int> _sizes = [];
    private int _width;
    private int _height;
    private bool[] _cut = [];
    private bool[] _core = [];
    private int[] _labels = [];
    private int[] _backdropSlots = [];

    /// <summary>A window of <paramref name="frames"/> frames (at least 3): the current one and those around it.</summary>
    public BackdropCheck(int frames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 3);
        _images = new byte[frames][];
        _mattes = new float[frames][];
        _slots = new WindowSlots(frames);
        _offsets = new float[frames];
        var bands = Math.Clamp(Environment.ProcessorCount, 1, 64);
        _samples = new float[bands][];
        _sampleSlots = new int[bands][];
        for (var band = 0; band < bands; band++)
        {
            _samples[band] = new float[frames];
            _sampleSlots[band] = new int[frames];
        }
    }

    /// <summary>
    /// Keeps the next frame's picture and its matte (0…1, frame-sized); returns the frame's index in the stream. The matte
    /// is kept by reference: <see cref="Apply"/> cuts it in place when its turn comes.
    /// </summary>
    public long Add(Frame frame, float[] matte)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(matte);
        if (matte.Length < frame.PixelCount)
        {
            throw new InvalidOptionException($"The matte holds {matte.Length} values, not frame {frame.Index}'s {frame.PixelCount}.", nameof(matte));
        }

        if (_slots.Count > 0 && (frame.Width != _width || frame.Height != _height))
        {
            throw new InvalidFrameInputException($"Frame {frame.Index} is {frame.Width}x{frame.Height}; the clip being matted is {_width}x{_height}.");
        }

        (_width, _height) = (frame.Width, frame.Height);
        var (slot, index) = _slots.Next();
        var image = _images[slot];
        if (image is null || image.Length != frame.Rgb.Length)
        {
            image = _images[slot] = new byte[frame.Rgb.Length];
        }

        frame.Rgb.CopyTo(image);
        _mattes[slot] = matte;
        return index;
    }

    /// <summary>
    /// Cuts from frame <paramref name="index"/>'s matte the regions that match the backdrop seen in frames
    /// <paramref name="first"/>…<paramref name="last"/> (all still held); returns how many pixels were cut.
    /// </summary>
    public int Apply(long index, long first, long last, IReadOnlyList<(float X, float Y, bool Positive)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (first > index || last < index)
        {
            throw new InvalidOptionException($"Frame {index} lies outside the window {first}…{last} it is checked against.", nameof(index));
        }

        var current = _slots.Slot(index);
        if (last - first < 2)
        {
            return 0;
        }

        var n = _width * _height;
        var image = _images[current];
        var matte = _mattes[current];
        Offsets(current, first, last);

        Buffers(n);
        FindBackdrops(current, first, last);
        var backdrops = _backdropSlots;

        // Grain: how far the current frame's own backdrop lies from what the others showed there.
        _histogram.Clear();
        for (var p = 0; p < n; p++)
        {
            if (matte[p] < Clear && backdrops[p] >= 0)
            {
                _histogram.Add(Difference(image, p, backdrops[p]));
            }
        }

        var tolerance = Math.Max(4f, 3f * 1.4826f * _histogram.Median());
        var cut = _cut;
        for (var p = 0; p < n; p++)
        {
            cut[p] = matte[p] >= 0.5f && backdrops[p] >= 0 && Difference(image, p, backdrops[p]) <= tolerance;
        }

        // A region must stay solid under a one-pixel erosion and be more than a speck to count as backdrop.
        Array.Copy(cut, _core, n);
        MaskMorphology.Morph(_core, _width, _height, 1, dilate: false);
        MaskMorphology.Regions(_core, _width, _height, _labels, _sizes);
        var minimum = Math.Max(16, n / 4000);
        foreach (var point in points)
        {
            if (!point.Positive) continue;
            var label = _labels[Math.Clamp((int)point.Y, 0, _height - 1) * _width + Math.Clamp((int)point.X, 0, _width - 1)];
            if (label >= 0) _sizes[label] = 0;
        }

        for (var p = 0; p < n; p++)
        {
            _core[p] = _labels[p] >= 0 && _sizes[_labels[p]] >= minimum;
        }

        // Grow the solid regions back by the pixel the erosion took, within what matched.
        MaskMorphology.Morph(_core, _width, _height, 1, dilate: true);
        var removed = 0;
        for (var p = 0; p < n; p++)
        {
            if (_core[p] && cut[p])
            {
                matte[p] = 0f;
                removed++;
            }
        }

        return removed;
    }

    /// <summary>
    /// For each pixel the current frame clearly shows or clearly matted, the frame whose value is the others' agreed
    /// backdrop there (-1: none). Each pixel stands alone, so bands of rows run in parallel and the result is the same.
    /// </summary>
    private void FindBackdrops(int current, long first, long last)
    {
        var matte = _mattes[current];
        var bands = _samples.Length;
        var rowsPerBand = (_height + bands - 1) / bands;
        Parallel.For(0, bands, band =>
        {
            var end = Math.Min(_height, (band + 1) * rowsPerBand) * _width;
            for (var p = band * rowsPerBand * _width; p < end; p++)
            {
                var decided = matte[p] < Clear || matte[p] >= 0.5f;
                _backdropSlots[p] = decided && Backdrop(p, current, first, last, _samples[band], _sampleSlots[band], out var slot) ? slot : -1;
            }
        });
    }

    /// <summary>
    /// Which other frame shows the backdrop at pixel <paramref name="p"/> as most of them do: among the frames whose mattes
    /// were clear there, the one of median grey (exposure offsets removed), when at least two saw it and most of them agree
    /// with it. <paramref name="samples"/> and <paramref name="sampleSlots"/> are the calling band's sorting buffers.
    /// </summary>
    private bool Backdrop(int p, int current, long first, long last, float[] samples, int[] sampleSlots, out int slot)
    {
        var count = 0;
        for (var index = first; index <= last; index++)
        {
            var s = _slots.Slot(index);
            if (s != current && _mattes[s][p] < Clear)
            {
                var value = Luma.At(_images[s], p) - _offsets[s];
                var j = count++;
                for (; j > 0 && samples[j - 1] > value; j--)
                {
                    (samples[j], sampleSlots[j]) = (samples[j - 1], sampleSlots[j - 1]);
                }

                (samples[j], sampleSlots[j]) = (value, s);
            }
        }

        slot = count > 0 ? sampleSlots[count / 2] : -1;
        if (count < 2)
        {
            return false;
        }

        // Samples within 4 levels of the median must be the majority: a pan or a passing shadow spreads them.
        var level = samples[count / 2];
        var agree = 0;
        for (var j = 0; j < count; j++)
        {
            agree += Math.Abs(samples[j] - level) <= 4f ? 1 : 0;
        }

        return 2 * agree > count;
    }

    /// <summary>The largest channel difference between the image and the backdrop frame at a pixel, its exposure removed.</summary>
    private float Difference(byte[] image, int p, int slot)
    {
        var (backdrop, offset) = (_images[slot], _offsets[slot]);
        var largest = 0f;
        for (var c = 0; c < 3; c++)
        {
            largest = Math.Max(largest, Math.Abs(image[3 * p + c] - (backdrop[3 * p + c] - offset)));
        }

        return largest;
    }

    /// <summary>Each window frame's exposure against the current one: the median difference where both show backdrop.</summary>
    private void Offsets(int current, long first, long last)
    {
        var n = _width * _height;
        var reference = _images[current];
        var referenceMatte = _mattes[current];
        for (var index = first; index <= last; index++)
        {
            var slot = _slots.Slot(index);
            _offsets[slot] = 0f;
            if (slot == current) continue;
            _histogram.Clear();
            var (image, matte) = (_images[slot], _mattes[slot]);
            var counted = 0;
            for (var p = 0; p < n; p += 3)
            {
                if (matte[p] < Clear && referenceMatte[p] < Clear)
                {
                    _histogram.Add(Luma.At(image, p) - Luma.At(reference, p));
                    counted++;
                }
            }

            _offsets[slot] = counted > 0 ? _histogram.Median() : 0f;
        }
    }

    private void Buffers(int n)
    {
        if (_cut.Length < n)
        {
            _cut = new bool[n];
            _core = new bool[n];
            _labels = new int[n];
            _backdropSlots = new int[n];
        }
    }
}
