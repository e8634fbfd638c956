namespace Muybridge.Video.Matting;

/// <summary>
/// Restricts a matte to what the clicks select: the connected regions a positive click touches, plus the regions that
/// mostly lie where the previous frame's selection was, minus those a negative click touches. Used on a salient-object
/// model's soft matte (keeping its soft edge) and on the model-free matter's segmentation.
/// </summary>
internal static class PromptSelection
{
    /// <summary>Applies the clicks to a soft matte in place; returns false (and clears it) when nothing is selected.</summary>
    public static bool Apply(Span<float> soft, PromptTracker tracker, float threshold = 0.5f)
    {
        int width = tracker.Width, height = tracker.Height;
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

        var mask = new bool[width * height];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = soft[i] >= threshold;
        }

        tracker.Snap(mask, Math.Max(3, Math.Min(width, height) / 12));
        var points = tracker.Points.Select(p => ((int)p.X, (int)p.Y, p.Positive)).ToArray();
        var selected = Select(mask, width, height, points, tracker.Selected);
        if (selected is null)
        {
            soft.Clear();
            return false;
        }

        tracker.Selected = (bool[])selected.Clone();

        // Keep the soft fringe (values under the threshold) within a few pixels of what was selected.
        MatteFilters.Morph(selected, width, height, Math.Max(2, Math.Min(width, height) / 100), dilate: true);
        for (var i = 0; i < selected.Length; i++)
        {
            if (!selected[i])
            {
                soft[i] = 0f;
            }
        }

        return true;
    }

    /// <summary>The selected part of a binary mask, or null when the clicks select nothing.</summary>
    public static bool[]? Select(bool[] mask, int width, int height, IReadOnlyList<(int X, int Y, bool Positive)> points, bool[]? previous)
    {
        var selected = (bool[])mask.Clone();
        MatteFilters.KeepRegions(selected, width, height, points.Where(p => p.Positive).Select(p => p.Y * width + p.X));
        KeepWhatWasSelectedBefore(mask, selected, previous, width, height);
        foreach (var negative in points.Where(p => !p.Positive))
        {
            var i = negative.Y * width + negative.X;
            if (selected[i])
            {
                var cut = (bool[])selected.Clone();
                MatteFilters.KeepRegions(cut, width, height, [i]);
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
    private static void KeepWhatWasSelectedBefore(bool[] mask, bool[] selected, bool[]? previous, int width, int height)
    {
        if (previous is null || previous.Length != mask.Length)
        {
            return;
        }

        var labels = System.Buffers.ArrayPool<int>.Shared.Rent(mask.Length);
        var sizes = new List<int>();
        try
        {
            MatteFilters.Regions(mask, width, height, labels, sizes);
            Grow(mask, selected, previous, labels, sizes);
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(labels);
        }
    }

    private static void Grow(bool[] mask, bool[] selected, bool[] previous, int[] labels, List<int> sizes)
    {
        var overlap = new int[sizes.Count];
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
