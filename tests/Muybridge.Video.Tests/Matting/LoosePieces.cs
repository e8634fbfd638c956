using Muybridge.Video.Pixels;

namespace Muybridge.Video.Tests;

/// <summary>What of a matte lies apart from the subject (its largest region at a quarter cover).</summary>
internal static class LoosePieces
{
    /// <summary>The matte's regions at a quarter cover, their sizes and the subject's label (−1 for an empty matte).</summary>
    public static (int[] Labels, List<int> Sizes, int Subject) Label(byte[] alpha, int width, int height)
    {
        var mask = alpha.Select(a => a >= 64).ToArray();
        var labels = new int[mask.Length];
        var sizes = new List<int>();
        MaskMorphology.Regions(mask, width, height, labels, sizes);
        return (labels, sizes, MaskMorphology.Largest(sizes));
    }

    /// <summary>Each region's bounding box.</summary>
    public static (int X0, int Y0, int X1, int Y1)[] Boxes(int[] labels, int regions, int width, int height)
    {
        var boxes = Enumerable.Repeat((X0: width, Y0: height, X1: -1, Y1: -1), regions).ToArray();
        for (var i = 0; i < labels.Length; i++)
        {
            var (label, x, y) = (labels[i], i % width, i / width);
            if (label < 0) continue;
            var (x0, y0, x1, y1) = boxes[label];
            boxes[label] = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y));
        }

        return boxes;
    }

    /// <summary>
    /// Pixels of the pieces apart from the subject that <paramref name="rows"/> accepts (by their first and last row) and
    /// that have more than half of their columns outside those the subject covers in the same rows: beside it.
    /// </summary>
    public static int Beside(byte[] alpha, int width, int height, Func<int, int, bool> rows)
    {
        var (labels, sizes, subject) = Label(alpha, width, height);
        var boxes = Boxes(labels, sizes.Count, width, height);
        var spans = Enumerable.Repeat((Left: width, Right: -1), height).ToArray();
        for (var i = 0; i < labels.Length; i++)
        {
            var (x, y) = (i % width, i / width);
            if (labels[i] == subject) spans[y] = (Math.Min(spans[y].Left, x), Math.Max(spans[y].Right, x));
        }

        var count = 0;
        for (var label = 0; label < sizes.Count; label++)
        {
            var (x0, y0, x1, y1) = boxes[label];
            if (label == subject || !rows(y0, y1)) continue;
            var (left, right) = (spans[y0..(y1 + 1)].Min(s => s.Left), spans[y0..(y1 + 1)].Max(s => s.Right));
            var inside = Math.Max(0, Math.Min(x1, right) - Math.Max(x0, left) + 1);
            count += 2 * inside < x1 - x0 + 1 ? sizes[label] : 0;
        }

        return count;
    }
}
