using Muybridge.Video.Frames;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Matting;

/// <summary>
/// Cuts the ground a matte took in under the subject's feet: a band of rows at the bottom of the matte that runs far
/// wider than the legs just above it (a dark ground strip, a foot board, a shadow on the track). Under the legs it keeps
/// what lies within a hoof's height of them (a hoof on the ground stays); below that, and everywhere else in the band,
/// the matte is cut.
/// </summary>
internal static class GroundBand
{
    /// <summary>A band row covers at least this share of the frame's width.</summary>
    private const double WideRow = 0.25;

    /// <summary>…and this many times the narrowest stretch (the legs) in the fifth of the matte above it.</summary>
    private const double WiderThanLegs = 1.8;

    /// <summary>Above the first row found, the band's top rows still cover this many times the legs' stretch.</summary>
    private const double RisingOverLegs = 1.25;

    /// <summary>A matte whose last row covers this much of the frame's bottom edge ends in ground, however much of it that is.</summary>
    private const double BottomEdgeShare = 0.6;

    /// <summary>
    /// Cuts the band from a soft matte (0…1) in place, its fringe under the band too, and then any piece of the matte apart
    /// from the subject that starts in the band (without a band, below the subject's lowest row); returns whether anything
    /// was cut.
    /// </summary>
    public static bool Cut(Span<float> soft, int width, int height)
    {
        var n = width * height;
        var mask = PlanePool<bool>.Shared.Rent(n);
        bool[]? uncut = null;
        try
        {
            for (var i = 0; i < n; i++)
            {
                mask[i] = soft[i] >= 0.25f;
            }

            var cut = false;
            var from = -1;
            if (Find(mask, width, height) is { } band)
            {
                uncut = PlanePool<bool>.Shared.Rent(n);
                Array.Copy(mask, uncut, n);
                from = Math.Max(0, band.Top - band.Hoof);
                for (var y = band.Top; y < height; y++)
                {
                    for (var x = 0; x < width; x++)
                    {
                        if (!band.Keeps(x, y))
                        {
                            soft[y * width + x] = 0f;
                        }
                    }
                }

                cut = true;
                for (var i = 0; i < n; i++)
                {
                    mask[i] = soft[i] >= 0.25f;
                }
            }

            return DropPiecesBelow(soft, mask, uncut, width, height, from) || cut;
        }
        finally
        {
            PlanePool<bool>.Shared.Return(mask);
            if (uncut is not null)
            {
                PlanePool<bool>.Shared.Return(uncut);
            }
        }
    }

    /// <summary>
    /// Marks in <paramref name="open"/> the holes of a soft matte (0…1) that the band alone closes: background between the
    /// legs, the belly and the band that reaches the frame's edge once the band is cut; and in <paramref name="ground"/> what
    /// the cut would take from the matte. The matte is left as it is.
    /// </summary>
    public static void HolesItCloses(ReadOnlySpan<float> soft, int width, int height, bool[] open, bool[] ground)
    {
        var n = width * height;
        var cut = PlanePool<float>.Shared.Rent(n);
        var whole = PlanePool<bool>.Shared.Rent(n);
        try
        {
            soft[..n].CopyTo(cut);
            if (!Cut(cut.AsSpan(0, n), width, height))
            {
                Array.Clear(open, 0, n);
                Array.Clear(ground, 0, n);
                return;
            }

            for (var i = 0; i < n; i++)
            {
                whole[i] = soft[i] >= 0.5f;
                open[i] = cut[i] >= 0.5f;
                ground[i] = whole[i] && !open[i];
            }

            MaskMorphology.FillHoles(whole, width, height);
            MaskMorphology.FillHoles(open, width, height);
            for (var i = 0; i < n; i++)
            {
                open[i] = whole[i] && soft[i] < 0.5f && !open[i];
            }
        }
        finally
        {
            PlanePool<float>.Shared.Return(cut);
            PlanePool<bool>.Shared.Return(whole);
        }
    }

    /// <summary>
    /// A piece of the matte apart from the subject (its largest region) that starts no higher than row
    /// <paramref name="from"/> (a hoof above the band that was cut; without one, a hoof above the subject's lowest row: a
    /// foot board's dark edge lies level with the feet standing on it) is ground, and so is a flat one along the feet's row
    /// that starts within two hooves of it: nothing of an animal lies loose at its own feet, while a strip of the band's
    /// edge left beside them, a shadow or a patch of foot board does. So is a piece beside the subject (mostly outside its
    /// columns in the piece's rows) that only the band joined to it (<paramref name="uncut"/>, the matte before the band was cut; null when
    /// none was): a patch of wall standing on the ground strip, wherever its top. Goes with its faint fringe.
    /// <paramref name="mask"/> holds the matte at a quarter cover.
    /// </summary>
    private static bool DropPiecesBelow(Span<float> soft, bool[] mask, bool[]? uncut, int width, int height, int from)
    {
        var n = width * height;
        var labels = PlanePool<int>.Shared.Rent(n);
        var sizes = new List<int>();
        try
        {
            MaskMorphology.Regions(mask, width, height, labels, sizes);
            if (sizes.Count < 2)
            {
                return false;
            }

            var subject = MaskMorphology.Largest(sizes);
            var lowest = 0;
            for (var i = n - 1; i >= 0; i--)
            {
                if (labels[i] == subject)
                {
                    lowest = i / width;
                    break;
                }
            }

            var hoof = HoofHeight(height);
            from = from < 0 ? Math.Max(0, lowest + 1 - hoof) : Math.Min(from, lowest + 1);
            var above = new bool[sizes.Count];
            var boxes = new (int X0, int Y0, int X1, int Y1)[sizes.Count];
            Array.Fill(boxes, (width, height, -1, -1));
            for (var i = 0; i < n; i++)
            {
                var label = labels[i];
                if (label < 0) continue;
                int x = i % width, y = i / width;
                above[label] |= y < from;
                var (x0, y0, x1, y1) = boxes[label];
                boxes[label] = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y));
            }

            // A flat piece lying along the feet's row is ground too, though its top edge stands higher than a hoof (the dark
            // top of a foot board beside a hoof in flight): twice as wide as it is tall, within two hooves of the feet's row
            // and reaching down to it. A hoof or a paw cut loose from its leg is about as tall as it is wide.
            var start = from;
            for (var label = 0; label < sizes.Count; label++)
            {
                var (x0, y0, x1, y1) = boxes[label];
                if (above[label] && label != subject && y0 > lowest - 2 * hoof && y1 >= lowest + 1 - hoof && x1 - x0 + 1 >= 2 * (y1 - y0 + 1))
                {
                    above[label] = false;
                    start = Math.Min(start, y0);
                }
            }

            // Only a piece still kept needs the matte before the cut labelled.
            if (uncut is not null && Enumerable.Range(0, sizes.Count).Any(label => above[label] && label != subject))
            {
                StoodOnTheBand(labels, boxes, uncut, subject, width, height, above, ref start);
            }

            if (Array.TrueForAll(above, a => a))
            {
                return false;
            }

            for (var i = 0; i < n; i++)
            {
                mask[i] = labels[i] >= 0 && above[labels[i]];
            }

            MaskMorphology.Morph(mask, width, height, 2, dilate: true);
            for (var i = start * width; i < n; i++)
            {
                if (!mask[i])
                {
                    soft[i] = 0f;
                }
            }

            return true;
        }
        finally
        {
            PlanePool<int>.Shared.Return(labels);
        }
    }

    /// <summary>
    /// Marks as ground (clears <paramref name="above"/>, lowers <paramref name="start"/> to its top) each piece that lay in
    /// the subject's region before the band was cut (<paramref name="uncut"/>, cut down to that region here) and stands beside
    /// the subject: more than half of its columns outside those the subject covers in the piece's rows and two hooves
    /// above them. A leg broken at the knee stands under the rest of the leg and stays.
    /// </summary>
    private static void StoodOnTheBand(int[] labels, (int X0, int Y0, int X1, int Y1)[] boxes, bool[] uncut, int subject, int width, int height, bool[] above, ref int start)
    {
        // The subject's region before the cut (the cut only takes pixels away, so one region holds all of the subject).
        var n = width * height;
        MaskMorphology.KeepRegions(uncut, width, height, [Array.IndexOf(labels, subject, 0, n)]);
        var joined = new bool[boxes.Length];
        for (var i = 0; i < n; i++)
        {
            if (labels[i] >= 0 && uncut[i])
            {
                joined[labels[i]] = true;
            }
        }

        // The subject's columns row by row, read only where a piece lay in its region (rarely).
        var rows = Array.Empty<(int Left, int Right)>();
        var reach = 2 * HoofHeight(height);
        for (var label = 0; label < boxes.Length; label++)
        {
            var (x0, y0, x1, y1) = boxes[label];
            if (!above[label] || label == subject || !joined[label])
            {
                continue;
            }

            if (rows.Length == 0)
            {
                rows = SubjectColumns(labels, subject, width, height);
            }

            // Beside the subject as it stands in the piece's own rows and a little above them: a tail high above does not
            // make a patch of wall under it part of the animal, while the leg a broken-off foot hangs from does.
            var (left, right) = (width, -1);
            for (var y = Math.Max(0, y0 - reach); y <= y1; y++)
            {
                (left, right) = (Math.Min(left, rows[y].Left), Math.Max(right, rows[y].Right));
            }

            var inside = Math.Max(0, Math.Min(x1, right) - Math.Max(x0, left) + 1);
            if (2 * inside < x1 - x0 + 1)
            {
                above[label] = false;
                start = Math.Min(start, y0);
            }
        }
    }

    /// <summary>Per row, the first and last column of region <paramref name="subject"/> (width, −1 where it has none).</summary>
    private static (int Left, int Right)[] SubjectColumns(int[] labels, int subject, int width, int height)
    {
        var rows = new (int Left, int Right)[height];
        for (var y = 0; y < height; y++)
        {
            var (left, right) = (width, -1);
            for (var x = 0; x < width; x++)
            {
                if (labels[y * width + x] == subject)
                {
                    (left, right) = (Math.Min(left, x), x);
                }
            }

            rows[y] = (left, right);
        }

        return rows;
    }

    /// <summary>A hoof's height: 2 % of the frame's.</summary>
    private static int HoofHeight(int height) => Math.Max(1, (int)Math.Round(0.02 * height));

    /// <summary>The first row of the ground band a matte (at a quarter cover) ends in, or the frame's height when it has none.</summary>
    public static int Top(bool[] mask, int width, int height) => Find(mask, width, height)?.Top ?? height;

    /// <summary>The band's first row, the legs' columns and a hoof's height, or null when the matte ends in no band.</summary>
    private static Band? Find(bool[] mask, int width, int height)
    {
        Span<int> coverage = height <= 1024 ? stackalloc int[height] : new int[height];
        int top = -1, bottom = -1;
        for (var y = 0; y < height; y++)
        {
            var count = 0;
            for (var x = 0; x < width; x++)
            {
                count += mask[y * width + x] ? 1 : 0;
            }

            coverage[y] = count;
            if (count > 0)
            {
                top = top < 0 ? y : top;
                bottom = y;
            }
        }

        if (bottom < 0)
        {
            return null;
        }

        // The band's first row: in the lower 40 % of the matte, a row far wider than the narrowest stretch (three rows,
        // the legs) in the fifth of the matte above it; the band then runs to the matte's end (hooves may poke below it).
        var span = bottom - top + 1;
        var window = Math.Max(3, span / 5);
        int bandTop = -1, wideTop = -1;
        for (var y = Math.Max(top + window + 1, bottom - (int)(0.4 * span)); y <= bottom && bandTop < 0; y++)
        {
            if (coverage[y] < WideRow * width)
            {
                continue;
            }

            var legs = double.MaxValue;
            for (var above = y - window; above <= y - 2; above++)
            {
                legs = Math.Min(legs, (coverage[above - 1] + coverage[above] + coverage[above + 1]) / 3.0);
            }

            if (coverage[y] >= WiderThanLegs * Math.Max(1, legs) && StaysWide(coverage, y, bottom, width))
            {
                bandTop = wideTop = y;

                // The row found is where the band first runs a quarter of the frame wide; above it, the band's top rows
                // (its edge, where the matte takes only part of it) are still wider than the legs, and a strip of them
                // left standing beside the hooves would be ground. Walk up while the rows (three at a time) stay so.
                while (bandTop - 2 > top + window && (coverage[bandTop - 3] + coverage[bandTop - 2] + coverage[bandTop - 1]) / 3.0 > RisingOverLegs * Math.Max(1, legs))
                {
                    bandTop--;
                }
            }
        }

        if (bandTop < 0)
        {
            // Where the matte fills the gaps between the legs too (a wall panel taken in with the ground under it), no row
            // stands out from the legs above; the ground still crosses the picture from side to side, which the animal
            // above it does not.
            bandTop = wideTop = AcrossThePicture(mask, width, height, top, bottom, bottom - (int)(0.4 * span));
            if (bandTop < 0)
            {
                return null;
            }
        }

        // The columns the matte comes down in just above the band, a little widened: a hoof standing in the band keeps a hoof's height of it.
        var feet = new bool[width];
        for (var y = Math.Max(top, bandTop - 3); y < bandTop; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (mask[y * width + x])
                {
                    for (var dx = -2; dx <= 2; dx++)
                    {
                        feet[Math.Clamp(x + dx, 0, width - 1)] = true;
                    }
                }
            }
        }

        var hoof = HoofHeight(height);
        var found = new Band(bandTop, feet, hoof, wideTop + hoof);
        int total = 0, cutting = 0;
        for (var i = 0; i < width * height; i++)
        {
            total += mask[i] ? 1 : 0;
            cutting += mask[i] && i / width >= bandTop && !found.Keeps(i % width, i / width) ? 1 : 0;
        }

        // A band is a strip under the subject, never the bulk of it, unless it lies along the frame's bottom edge across most
        // of its width: no animal ends in a straight edge as wide as the picture, while the ground under it does.
        // Measured over the frame's last rows, column by column: ground's lower edge is ragged where the band's dark and the
        // matte's threshold meet, so a single row undercounts it.
        var edgeRows = Math.Max(1, (int)(0.02 * height));
        var onBottomEdge = bottom >= height - 1 - edgeRows && ColumnsReaching(mask, width, height, height - 1 - edgeRows) >= BottomEdgeShare * width;
        return cutting > 0.35 * total && !onBottomEdge ? null : found;
    }

    /// <summary>
    /// The first of the rows at the matte's end that cover both sides of the frame, when the rows above them (down
    /// from <paramref name="highest"/>, the band's highest possible row) do not; −1 when there are none or the subject
    /// itself spans the picture.
    /// </summary>
    private static int AcrossThePicture(bool[] mask, int width, int height, int top, int bottom, int highest)
    {
        highest = Math.Max(top, highest);
        // Covering most of each side's eighth, not touching it: a post or the plate's edge standing at one side touches
        // every row.
        var side = Math.Max(2, width / 8);
        bool Spans(int y)
        {
            int left = 0, right = 0;
            for (var x = 0; x < side; x++)
            {
                left += mask[y * width + x] ? 1 : 0;
                right += mask[y * width + width - 1 - x] ? 1 : 0;
            }

            return 2 * left >= side && 2 * right >= side;
        }

        // The matte's last rows may fray (the band's dark meeting the threshold, a scanned plate's dark edge): up to 2 % of
        // the frame's height of them need not span.
        var last = bottom;
        while (last > bottom - Math.Max(1, height / 50) && !Spans(last))
        {
            last--;
        }

        var first = last + 1;
        while (first - 1 >= highest && Spans(first - 1))
        {
            first--;
        }

        if (first > last || first <= highest)
        {
            return -1;
        }

        for (var y = highest; y < first; y++)
        {
            if (Spans(y))
            {
                return -1;
            }
        }

        return first;
    }

    /// <summary>
    /// Ground runs on under the row where it starts: at least half the rows from there to the matte's end are wide too.
    /// Splayed legs crossing one row as wide end in hooves just below it.
    /// </summary>
    private static bool StaysWide(ReadOnlySpan<int> coverage, int from, int bottom, int width)
    {
        var wide = 0;
        for (var y = from; y <= bottom; y++)
        {
            wide += coverage[y] >= WideRow * width ? 1 : 0;
        }

        return 2 * wide >= bottom - from + 1;
    }

    /// <summary>How many columns the mask reaches in rows <paramref name="from"/> to the frame's last.</summary>
    private static int ColumnsReaching(bool[] mask, int width, int height, int from)
    {
        var count = 0;
        for (var x = 0; x < width; x++)
        {
            for (var y = Math.Max(0, from); y < height; y++)
            {
                if (mask[y * width + x])
                {
                    count++;
                    break;
                }
            }
        }

        return count;
    }

    /// <summary>The band from <paramref name="Top"/>; under the feet it keeps a hoof's height below the row where it runs wide (<paramref name="FeetEnd"/>), since the feet stand in the band's edge too.</summary>
    private sealed record Band(int Top, bool[] Feet, int Hoof, int FeetEnd)
    {
        public bool Keeps(int x, int y) => Feet[x] && y < FeetEnd;
    }
}
