namespace Muybridge.Video.Matting;

/// <summary>
/// Restricts a soft matte (a salient-object model's, or any other) to what the clicks select: the connected regions above
/// a threshold that a positive click touches, minus those a negative click touches. The soft edge around a kept region
/// survives; everything else becomes transparent.
/// </summary>
internal static class PromptSelection
{
    /// <summary>Applies the clicks in place; returns false (and clears the matte) when no positive click selects anything.</summary>
    public static bool Apply(Span<float> soft, PromptTracker tracker, float threshold = 0.5f)
    {
        int width = tracker.Width, height = tracker.Height;
        var mask = new bool[width * height];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = soft[i] >= threshold;
        }

        tracker.Snap(mask, Math.Max(3, Math.Min(width, height) / 12));
        var selected = (bool[])mask.Clone();
        MatteFilters.KeepRegions(selected, width, height, tracker.Points.Where(p => p.Positive).Select(p => Index(p, width)));
        foreach (var negative in tracker.Points.Where(p => !p.Positive))
        {
            var i = Index(negative, width);
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

        if (!selected.Contains(true))
        {
            soft.Clear();
            return false;
        }

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

    private static int Index((float X, float Y, bool Positive) point, int width) => (int)point.Y * width + (int)point.X;
}
