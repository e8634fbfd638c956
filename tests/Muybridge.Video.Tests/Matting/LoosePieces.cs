using Muybridge.Video.Pixels;

namespace Muybridge.Video.Tests;

/// <summary>Counts what of a matte lies apart from the subject (its largest region at a quarter cover).</summary>
internal static class LoosePieces
{
    /// <summary>
    /// Pixels of the pieces apart from the subject that <paramref name="rows"/> accepts (by their first and last row) and
    /// that have more than half of their columns outside those the subject covers in the same rows: beside it.
    /// </summary>
    public static int Beside(byte[] alpha, int width, int height, Func<int, int, bool> rows)
    {
        var mask = alpha.Select(a => a >= 64).ToArray();
        var labels = new int[mask.Length];
        var sizes = new List<int>();
        MaskMorphology.Regions(mask, width, height, labels, sizes);
        var subject = MaskMorphology.Largest(sizes);
        var boxes = Enumerable.Repeat((X0: width, Y0: height, X1: -1, Y1: -1), sizes.Count).ToArray();
        var spans = Enumerable.Repeat((Left: width, Right: -1), height).ToArray();
        for (var i = 0; i < labels.Length; i++)
        {
            var (label, x, y) = (labels[i], i % width, i / width);
            if (label < 0) continue;
            var (x0, y0, x1, y1) = boxes[label];
            boxes[label] = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y));
            if (label == subject) spans[y] = (Math.Min(spans[y].Left, x), Math.Max(spans[y].Right, x));
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
