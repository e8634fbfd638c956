using Muybridge.Video.Motion;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Matting;

/// <summary>
/// Restricts a matte to what the clicks select: the connected regions a positive click touches, plus the regions that
/// mostly lie where the previous frame's selection was, minus those a negative click touches. Used on a salient-object
/// model's soft matte (keeping its soft edge) and on the model-free matter's segmentation.
/// </summary>
public sealed class PromptSelection
{
    // Working planes, kept from frame to frame so a long clip allocates nothing per frame.
    private readonly List<int> _sizes = [];
    private readonly List<int> _seeds = [];
    private readonly List<(int X, int Y, bool Positive)> _points = [];
    private bool[] _mask = [];
    private bool[] _selected = [];
    private bool[] _cut = [];
    private int[] _labels = [];

    /// <summary>Applies the clicks to a soft matte in place; returns false (and clears it) when nothing is selected.</summary>
    public bool Apply(Span<float> soft, PromptTracker tracker, float threshold = 0.5f)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        int width = tracker.Width, height = tracker.Height;
        if (soft.Length != width * height)
        {
            throw new InvalidOptionException($"The matte holds {soft.Length} values, not the clip's {width}x{height}.", nameof(soft));
        }

        if (tracker.Box is not null)
        {
            for (var i = 0; i < soft.Length; i++)
            {
                if (tracker.OutsideBox(i % width, i / width))
                {
                    soft[i] = 0f;
                }
            }
        }

        var mask = ScratchBuffer.Exact(ref _mask, width * height);
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = soft[i] >= threshold;
        }

        tracker.Snap(mask, Math.Max(3, Math.Min(width, height) / 12));
        _points.Clear();
        for (var p = 0; p < tracker.Points.Count; p++)
        {
            var (x, y, positive) = tracker.Points[p];
            _points.Add(((int)x, (int)y, positive));
        }

        var selected = Select(mask, width, height, _points, tracker.Selected);
        if (selected is null)
        {
            soft.Clear();
            return false;
        }

        var kept = tracker.Selected is { } previous && previous.Length == selected.Length ? previous : new bool[selected.Length];
        Array.Copy(selected, kept, selected.Length);
        tracker.Selected = kept;

        // Keep the soft fringe (values under the threshold) within a few pixels of what was selected.
        MaskMorphology.Morph(selected, width, height, Math.Max(2, Math.Min(width, height) / 100), dilate: true);
        for (var i = 0; i < selected.Length; i++)
        {
            if (!selected[i])
            {
                soft[i] = 0f;
            }
        }

        return true;
    }

    /// <summary>
    /// The selected part of a binary mask, or null when the clicks select nothing. The array returned is this instance's
    /// own and is overwritten by the next call.
    /// </summary>
    public bool[]? Select(bool[] mask, int width, int height, IReadOnlyList<(int X, int Y, bool Positive)> points, bool[]? previous)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(points);
        if (mask.Length != width * height)
        {
            throw new InvalidOptionException($"The mask holds {mask.Length} pixels, not {width}x{height}.", nameof(mask));
        }

        var selected = ScratchBuffer.Exact(ref _selected, mask.Length);
        Array.Copy(mask, selected, mask.Length);
        _seeds.Clear();
        for (var p = 0; p < points.Count; p++)
        {
            if (points[p] is { Positive: true } positive)
            {
                _seeds.Add(positive.Y * width + positive.X);
            }
        }

        MaskMorphology.KeepRegions(selected, width, height, _seeds);
        KeepWhatWasSelectedBefore(mask, selected, previous, width, height);
        for (var p = 0; p < points.Count; p++)
        {
            var negative = points[p];
            var i = negative.Y * width + negative.X;
            if (!negative.Positive && selected[i])
            {
                var cut = ScratchBuffer.Exact(ref _cut, mask.Length);
                Array.Copy(selected, cut, mask.Length);
                MaskMorphology.KeepRegions(cut, width, height, [i]);
                for (var j = 0; j < selected.Length; j++)
                {
                    selected[j] &= !cut[j];
                }
            }
        }

        return selected.Contains(true) ? selected : null;
    }

    // The subject follows from frame to frame: a region that mostly lies where last frame's selection was is still the
    // subject even when the clicks drifted off it (a camera jump between plate cells, a leg that separated from the body).
    private void KeepWhatWasSelectedBefore(bool[] mask, bool[] selected, bool[]? previous, int width, int height)
    {
        if (previous is null || previous.Length != mask.Length)
        {
            return;
        }

        if (_labels.Length < mask.Length)
        {
            _labels = new int[mask.Length];
        }

        MaskMorphology.Regions(mask, width, height, _labels, _sizes);
        Grow(mask, selected, previous, _labels, _sizes);
    }

    private static void Grow(bool[] mask, bool[] selected, bool[] previous, int[] labels, List<int> sizes)
    {
        Span<int> overlap = sizes.Count <= 256 ? stackalloc int[sizes.Count] : new int[sizes.Count];
        overlap.Clear();
        for (var i = 0; i < mask.Length; i++)
        {
            if (labels[i] >= 0 && previous[i])
            {
                overlap[labels[i]]++;
            }
        }

        for (var i = 0; i < mask.Length; i++)
        {
            var label = labels[i];
            if (label >= 0 && overlap[label] >= 0.5 * sizes[label])
            {
                selected[i] = true;
            }
        }
    }
}
