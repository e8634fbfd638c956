using Muybridge.Video.Numerics;

namespace Muybridge.Video.Matting;

/// <summary>
/// The backdrop behind a moving subject, estimated per pixel from a window of frames at the matter's working size: at
/// each pixel the largest cluster of values that agree to within the grain (the backdrop shows through whenever a leg or
/// the body has moved on), with how many of the window's frames agree on it. Each frame's overall exposure offset against
/// the others is taken out first, since Muybridge's cameras each exposed a little differently.
/// </summary>
/// <remarks>
/// Where the backdrop itself moves (a panning camera, an unregistered plate), only its even stretches gather support and
/// the plate says nothing elsewhere. Where a subject stood still over most of the window, the plate holds the subject:
/// the matter checks the plate's colour against its colour models and the clicks before it counts it.
/// </remarks>
internal sealed class BackdropPlate
{
    private readonly int _pixels;
    private readonly byte[][] _images;
    private readonly WindowSlots _slots;
    private readonly float[] _offsets;
    private readonly LevelHistogram _differences = new();
    private readonly float[] _median;
    private readonly byte[][] _window;
    private readonly float[] _windowOffsets;
    private readonly float[] _lumas;
    private readonly int[] _order;
    private (long First, long Last) _measured = (-1, -1);
    private float _tolerance;
    private readonly float[] _seen;
    private readonly bool[] _hasSeen;

    /// <summary>Creates an empty window of <paramref name="capacity"/> working images of <paramref name="pixels"/> pixels.</summary>
    public BackdropPlate(int pixels, int capacity)
    {
        _pixels = pixels;
        _images = new byte[capacity][];
        _slots = new WindowSlots(capacity);
        _offsets = new float[capacity];
        _median = new float[pixels];
        _window = new byte[capacity][];
        _windowOffsets = new float[capacity];
        _lumas = new float[capacity];
        _order = new int[capacity];
        _seen = new float[pixels];
        _hasSeen = new bool[pixels];
        Plate = new float[3 * pixels];
        Support = new float[pixels];
    }

    /// <summary>The backdrop's colour per pixel (0…1 RGB, exposure offsets removed).</summary>
    public float[] Plate { get; }

    /// <summary>Fraction of the window's frames whose value agrees with <see cref="Plate"/>, per pixel.</summary>
    public float[] Support { get; }

    /// <summary>Grain level: the standard deviation of a frame's backdrop about the plate (0…1 units).</summary>
    public float Noise { get; private set; }

    /// <summary>Adds the next frame's working image (0…1 RGB) and returns its index in the stream.</summary>
    public long Add(ReadOnlySpan<float> rgb)
    {
        var (slot, index) = _slots.Next();
        var image = _images[slot] ??= new byte[3 * _pixels];
        for (var i = 0; i < image.Length; i++)
        {
            image[i] = (byte)Math.Clamp(rgb[i] * 255f + 0.5f, 0f, 255f);
        }

        return index;
    }

    /// <summary>
    /// Estimates the plate from the window frames <paramref name="first"/>…<paramref name="last"/> (all still held) and
    /// returns frame <paramref name="index"/>'s exposure offset against it.
    /// </summary>
    public float Estimate(long first, long last, long index)
    {
        Compute(first, last);
        return _offsets[_slots.Slot(index)];
    }

    /// <summary>
    /// Remembers what frame <paramref name="index"/> showed where it was surely backdrop (<paramref name="backdrop"/>),
    /// so that where a body stood still over most of the window, the plate keeps the backdrop seen before rather than
    /// the body's more frequent value.
    /// </summary>
    public void Learn(long index, ReadOnlySpan<bool> backdrop)
    {
        var slot = _slots.Slot(index);
        var image = _images[slot];
        for (var p = 0; p < _pixels; p++)
        {
            if (backdrop[p])
            {
                _seen[p] = Luma(image, p) - _offsets[slot];
                _hasSeen[p] = true;
            }
        }
    }

    private void Compute(long first, long last)
    {
        var count = (int)(last - first + 1);
        var (images, offsets, lumas, order) = (_window, _windowOffsets, _lumas, _order);
        for (var k = 0; k < count; k++)
        {
            images[k] = _images[_slots.Slot(first + k)];
        }

        if (_measured != (first, last))
        {
            Measure(first, count);
            _measured = (first, last);
        }

        var tolerance = _tolerance;
        for (var p = 0; p < _pixels; p++)
        {
            for (var k = 0; k < count; k++)
            {
                lumas[k] = Luma(images[k], p) - offsets[k];
                order[k] = k;
            }

            SortWithOrder(lumas, order, count);

            // The widest run of sorted values spanning no more than twice the tolerance; where the backdrop was seen
            // before, the run around what was seen, if the window shows it at all.
            int best = 0, bestStart = 0, start = 0;
            if (_hasSeen[p])
            {
                for (var j = 0; j < count; j++)
                {
                    if (Math.Abs(lumas[j] - _seen[p]) > tolerance) continue;
                    if (best == 0) bestStart = j;
                    best++;
                }
            }

            var remembered = best > 0;
            for (var end = 0; !remembered && end < count; end++)
            {
                while (lumas[end] - lumas[start] > 2 * tolerance)
                {
                    start++;
                }

                if (end - start + 1 > best)
                {
                    (best, bestStart) = (end - start + 1, start);
                }
            }

            float r = 0, g = 0, b = 0;
            for (var j = bestStart; j < bestStart + best; j++)
            {
                var k = order[j];
                var image = images[k];
                r += image[3 * p] / 255f - offsets[k];
                g += image[3 * p + 1] / 255f - offsets[k];
                b += image[3 * p + 2] / 255f - offsets[k];
            }

            (Plate[3 * p], Plate[3 * p + 1], Plate[3 * p + 2]) = (r / best, g / best, b / best);
            Support[p] = (float)best / count;
        }
    }

    /// <summary>Per window: each frame's exposure offset, the grain level and the tolerance a cluster may span.</summary>
    private void Measure(long first, int count)
    {
        var (images, offsets, lumas) = (_window, _windowOffsets, _lumas);

        // Exposure offset of each frame: the median of its difference from the per-pixel median over the window.
        for (var p = 0; p < _pixels; p++)
        {
            for (var k = 0; k < count; k++)
            {
                lumas[k] = Luma(images[k], p);
            }

            Sort(lumas, count);
            _median[p] = lumas[count / 2];
        }

        for (var k = 0; k < count; k++)
        {
            _differences.Clear();
            for (var p = 0; p < _pixels; p++)
            {
                _differences.Add((Luma(images[k], p) - _median[p]) * 255f);
            }

            offsets[k] = _differences.Median() / 255f;
        }

        // Grain: most samples are backdrop, so the median deviation from the per-pixel median is the grain's.
        _differences.Clear();
        for (var k = 0; k < count; k++)
        {
            for (var p = 0; p < _pixels; p++)
            {
                _differences.Add(Math.Abs(Luma(images[k], p) - offsets[k] - _median[p]) * 255f);
            }
        }

        var spread = _differences.Median() / 255f;
        Noise = Math.Max(1.5f / 255f, 1.4826f * spread);
        _tolerance = Math.Max(4f / 255f, 2.5f * Noise);
        for (var k = 0; k < count; k++)
        {
            _offsets[_slots.Slot(first + k)] = offsets[k];
        }
    }

    // Windows hold a few dozen values: insertion sort beats Array.Sort's set-up at that size.
    private static void Sort(float[] values, int count)
    {
        for (var i = 1; i < count; i++)
        {
            var v = values[i];
            var j = i - 1;
            for (; j >= 0 && values[j] > v; j--)
            {
                values[j + 1] = values[j];
            }

            values[j + 1] = v;
        }
    }

    private static void SortWithOrder(float[] values, int[] order, int count)
    {
        for (var i = 1; i < count; i++)
        {
            var (v, o) = (values[i], order[i]);
            var j = i - 1;
            for (; j >= 0 && values[j] > v; j--)
            {
                values[j + 1] = values[j];
                order[j + 1] = order[j];
            }

            (values[j + 1], order[j + 1]) = (v, o);
        }
    }

    private static float Luma(byte[] image, int p) => Pixels.Luma.At(image, p) / 255f;
}
