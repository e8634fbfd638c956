using Muybridge.Video.Pixels;

namespace Muybridge.Video.Matting;

/// <summary>
/// Cuts from a segmentation the upright things of the backdrop: a post of the shed, the dark margin of a plate's cell, a
/// wall's edge, the shadow of a book's fold. They share the subject's dark tone and touch it, so the colours and the
/// clicks take them in. Shapes no animal has are cut:
/// <list type="bullet">
/// <item>a wall's edge: a stretch of columns that meets the top band (it comes in from above the picture), lies against a
/// side of the frame with nothing of the matte beyond it, and hangs below the frame's middle; it goes whole;</item>
/// <item>a post: as thin as a post, hanging from the top tenth below the middle and standing free for a tenth of the
/// height, or anywhere, dead upright in the same columns for a third of the height; it goes where it stands free (where
/// it crosses the subject the pixels are the subject's);</item>
/// <item>what is left of one already cut: the rest of a wall's edge beside it, the rest of a post right under it.</item>
/// </list>
/// A stretch that holds a click on the subject is left.
/// </summary>
internal static class UprightBackdrop
{
    /// <summary>A post is at most this share of the frame's width across.</summary>
    private const int PostWidthDivisor = 40;

    /// <summary>A strip against a side is at most this share of the frame's width across (a cell's margin, a wall).</summary>
    private const int StripWidthDivisor = 3;

    /// <summary>
    /// Cuts from a soft matte (0…1) in place, then drops the pieces of it this cut or an earlier one (<paramref name="cut"/>,
    /// frame-sized, added to) leaves loose beside the subject: the finished matte, after a refinement that may have grown a
    /// structure back along its edges. The ground band, which joins everything at the feet, does not count as a join; the
    /// faint fringe within <paramref name="reach"/> of a cut (what upsampling and feathering spread) goes too.
    /// </summary>
    public static bool Cut(Span<float> soft, int width, int height, int border, ReadOnlySpan<(int X, int Y, bool Positive)> seeds, bool[] cut, int reach)
    {
        var n = width * height;
        var mask = PlanePool<bool>.Shared.Rent(n);
        var labels = PlanePool<int>.Shared.Rent(n);
        try
        {
            for (var i = 0; i < n; i++)
            {
                mask[i] = soft[i] >= 0.5f;
            }

            if (!Cut(mask, width, height, border, seeds, cut) && Array.IndexOf(cut, true, 0, n) < 0)
            {
                return false;
            }

            for (var i = 0; i < n; i++)
            {
                if (cut[i])
                {
                    soft[i] = 0f;
                }

                mask[i] = soft[i] >= 0.25f;
            }

            var band = GroundBand.Top(mask, width, height) * width;
            Array.Clear(mask, band, n - band);
            var sizes = new List<int>();
            MaskMorphology.Morph(cut, width, height, 1, dilate: true);
            var (loose, largest) = LooseBy(cut, mask, labels, sizes, width, height);

            // The loose pieces go, and with them and the cut the fringe that upsampling and feathering spread.
            for (var i = 0; i < n; i++)
            {
                cut[i] |= labels[i] >= 0 && loose[labels[i]];
            }

            MaskMorphology.Morph(cut, width, height, Math.Max(1, reach), dilate: true);
            for (var i = 0; i < band; i++)
            {
                if (cut[i] && (labels[i] != largest || soft[i] < 0.5f))
                {
                    soft[i] = 0f;
                }
            }

            // That fringe can have been all that still joined a stretch of wall beside the cut to the subject (a strip
            // along the frame's side that widens further down): what it leaves loose by the cut goes as well.
            for (var i = 0; i < band; i++)
            {
                mask[i] = soft[i] >= 0.25f;
            }

            (loose, _) = LooseBy(cut, mask, labels, sizes, width, height);
            for (var i = 0; i < band; i++)
            {
                if (labels[i] >= 0 && loose[labels[i]])
                {
                    soft[i] = 0f;
                }
            }

            return true;
        }
        finally
        {
            PlanePool<bool>.Shared.Return(mask);
            PlanePool<int>.Shared.Return(labels);
        }
    }

    /// <summary>
    /// Labels <paramref name="mask"/>'s regions and marks those other than the largest that <paramref name="cut"/>
    /// touches: the pieces a cut left loose beside the subject.
    /// </summary>
    private static (bool[] Loose, int Largest) LooseBy(bool[] cut, bool[] mask, int[] labels, List<int> sizes, int width, int height)
    {
        MaskMorphology.Regions(mask, width, height, labels, sizes);
        var largest = MaskMorphology.Largest(sizes);
        var loose = new bool[sizes.Count];
        for (var i = 0; i < width * height; i++)
        {
            if (cut[i] && labels[i] >= 0 && labels[i] != largest)
            {
                loose[labels[i]] = true;
            }
        }

        return (loose, largest);
    }

    /// <summary>
    /// Cuts from a mask in place, marking what it cut in <paramref name="cutOut"/>; <paramref name="border"/> is the band
    /// along the top and sides the segmentation holds as backdrop. Returns whether anything was cut.
    /// </summary>
    public static bool Cut(bool[] mask, int width, int height, int border, ReadOnlySpan<(int X, int Y, bool Positive)> seeds, bool[] cutOut)
    {
        var cut = CutStraightPosts(mask, width, height, seeds, cutOut);

        // A strip cut from beside the side can leave the rest of a wall's edge against it: a few passes take it too.
        for (var pass = 0; pass < 4; pass++)
        {
            var hanging = CutOnce(mask, width, height, border, seeds, cutOut, remainder: false);
            var rest = CutOnce(mask, width, height, border, seeds, cutOut, remainder: true);
            if (!hanging && !rest)
            {
                break;
            }

            cut = true;
        }

        return cut;
    }

    /// <summary>
    /// Cuts the posts that stand anywhere, not only from the top: what of the matte is as thin as a post across, and stays
    /// in the same columns, dead upright, for a third of the frame's height. A leg that long is never that upright or
    /// that even; it slants, bends at a joint and widens at a hoof, so its thin rows wander across the columns.
    /// </summary>
    private static bool CutStraightPosts(bool[] mask, int width, int height, ReadOnlySpan<(int X, int Y, bool Positive)> seeds, bool[] cutOut)
    {
        var n = width * height;
        var post = Math.Max(2, width / PostWidthDivisor);
        var thin = PlanePool<bool>.Shared.Rent(n);
        var top = PlanePool<int>.Shared.Rent(width);
        var bottom = PlanePool<int>.Shared.Rent(width);
        try
        {
            Array.Clear(thin, 0, n);
            for (var y = 0; y < height; y++)
            {
                var row = y * width;
                for (var x = 0; x < width;)
                {
                    if (!mask[row + x])
                    {
                        x++;
                        continue;
                    }

                    var from = x;
                    while (x < width && mask[row + x])
                    {
                        x++;
                    }

                    if (x - from <= post)
                    {
                        Array.Fill(thin, true, row + from, x - from);
                    }
                }
            }

            var gap = Math.Max(1, height / 100);
            for (var x = 0; x < width; x++)
            {
                (top[x], bottom[x]) = LongestRun(thin, width, height, x, gap);
            }

            var cut = false;
            bool Straight(int x) => bottom[x] - top[x] + 1 >= height / 3;
            for (var x = 0; NextStretch(width, Straight, ref x, out var x0, out var x1);)
            {
                if (x1 - x0 + 1 > post || HoldsClick(seeds, x0, x1, top, bottom))
                {
                    continue;
                }

                for (var y = 0; y < height; y++)
                {
                    var (from, to) = RowRun(mask, width, y, x0, x1);
                    var inRun = false;
                    for (var c = x0; c <= x1 && !inRun; c++)
                    {
                        inRun = y >= top[c] && y <= bottom[c];
                    }

                    if (!inRun || to - from + 1 > post || !thin[y * width + from])
                    {
                        continue;
                    }

                    for (var c = from; c <= to; c++)
                    {
                        mask[y * width + c] = false;
                        cutOut[y * width + c] = true;
                        cut = true;
                    }
                }
            }

            return cut;
        }
        finally
        {
            PlanePool<bool>.Shared.Return(thin);
            PlanePool<int>.Shared.Return(top);
            PlanePool<int>.Shared.Return(bottom);
        }
    }

    private static bool CutOnce(bool[] mask, int width, int height, int border, ReadOnlySpan<(int X, int Y, bool Positive)> seeds, bool[] cutOut, bool remainder)
    {
        var top = PlanePool<int>.Shared.Rent(width);
        var bottom = PlanePool<int>.Shared.Rent(width);
        try
        {
            // Gaps of a pixel or two in a column (grain, a ruled line) do not end its run.
            var gap = Math.Max(1, height / 100);
            for (var x = 0; x < width; x++)
            {
                (top[x], bottom[x]) = LongestRun(mask, width, height, x, gap);
            }

            // Against a side: nothing of the matte but a sliver lies between the stretch and the frame's edge.
            int first = 0, last = width - 1;
            while (first < width - 1 && bottom[first] < 0)
            {
                first++;
            }

            while (last > 0 && bottom[last] < 0)
            {
                last--;
            }

            // What is left of a wall's edge beside an earlier cut may have lost its lower part to gaps: down to a
            // quarter of the frame will do there.
            var startBy = Math.Max(border + 2, height / 10);
            var reaches = remainder ? height / 4 : height / 2;

            // …and what is left of a post below its cut part goes on from right under it.
            bool Continues(int x) => bottom[x] >= 0 && CutJustAbove(cutOut, width, x, top[x], gap + 2);
            bool Qualifies(int x) => bottom[x] >= 0 && ((top[x] <= startBy && bottom[x] >= reaches) || (remainder && Continues(x)));
            bool AtTop(int x) => bottom[x] >= 0 && TopmostRow(mask, width, height, x) <= border + gap + 2;
            bool MostAtTop(int x0, int x1)
            {
                var atTop = 0;
                for (var c = x0; c <= x1; c++)
                {
                    atTop += AtTop(c) ? 1 : 0;
                }

                return 4 * atTop >= 3 * (x1 - x0 + 1);
            }

            var post = Math.Max(2, width / PostWidthDivisor);
            var cut = false;
            for (var x = 0; NextStretch(width, Qualifies, ref x, out var x0, out var x1);)
            {
                // A wall's edge comes in from above the picture: its columns meet the top band, side by side out to
                // the frame's side (some of them too broken by grain to run far down), where an animal's head is round
                // and stays below it.
                var (s0, s1) = (x0, x1);
                while (s0 > 0 && AtTop(s0 - 1))
                {
                    s0--;
                }

                while (s1 < width - 1 && AtTop(s1 + 1))
                {
                    s1++;
                }

                var sliver = Math.Max(2, (s1 - s0 + 1) / 4);
                var leftSide = s0 <= Math.Max(border + 1, first + sliver);
                var rightSide = s1 >= Math.Min(width - border - 2, last - sliver);
                var againstSide = (leftSide || rightSide) && s1 - s0 + 1 <= width / StripWidthDivisor
                    && (MostAtTop(x0, x1) || (remainder && CutBeside(cutOut, width, height, leftSide ? s0 - 1 : s1 + 1)));
                var restOfPost = remainder && x1 - x0 + 1 <= post && Continues(x0) && Continues(x1);
                var aPost = remainder ? restOfPost : x1 - x0 + 1 <= post;
                if (againstSide)
                {
                    (x0, x1) = (s0, s1);
                    x = Math.Max(x, x1 + 1);
                }

                var across = x1 - x0 + 1;
                if ((!againstSide && !aPost) || HoldsClick(seeds, x0, x1, top, bottom))
                {
                    continue;
                }

                // A strip against a side goes whole; a post, with its soft flanks, wherever it stands free, above the
                // subject and below it (where it crosses the subject the pixels are the subject's). A post stands free
                // for a tenth of the frame at least: the narrow crown of a back that reaches the top is no post.
                if (!againstSide && !restOfPost && FreeRows(mask, width, height, x0, x1) < height / 10)
                {
                    continue;
                }

                for (var y = 0; y < height; y++)
                {
                    var (from, to) = againstSide ? (x0, x1) : RowRun(mask, width, y, x0, x1);
                    if (!againstSide && (to - from + 1 > across + 2 || !AnySet(mask, width, y, from, to)))
                    {
                        continue;
                    }

                    for (var c = from; c <= to; c++)
                    {
                        var i = y * width + c;
                        if (mask[i])
                        {
                            mask[i] = false;
                            cut = true;
                            cutOut[i] = true;
                        }
                    }
                }
            }

            return cut;
        }
        finally
        {
            PlanePool<int>.Shared.Return(top);
            PlanePool<int>.Shared.Return(bottom);
        }
    }

    /// <summary>
    /// The next stretch x0…x1 of adjacent columns that <paramref name="qualifies"/> holds for, from column
    /// <paramref name="x"/> on (left just past it); false when none is left.
    /// </summary>
    private static bool NextStretch(int width, Func<int, bool> qualifies, ref int x, out int x0, out int x1)
    {
        while (x < width && !qualifies(x))
        {
            x++;
        }

        x0 = x;
        while (x < width && qualifies(x))
        {
            x++;
        }

        x1 = x - 1;
        return x0 < width;
    }

    /// <summary>The longest run of set pixels down column <paramref name="x"/>, bridging gaps up to <paramref name="gap"/>; (0, -1) when none.</summary>
    private static (int Top, int Bottom) LongestRun(bool[] mask, int width, int height, int x, int gap)
    {
        int bestTop = 0, bestBottom = -1, runTop = -1, lastSet = -1;
        for (var y = 0; y < height; y++)
        {
            if (!mask[y * width + x])
            {
                continue;
            }

            if (runTop < 0 || y - lastSet > gap + 1)
            {
                runTop = y;
            }

            lastSet = y;
            if (y - runTop > bestBottom - bestTop)
            {
                (bestTop, bestBottom) = (runTop, y);
            }
        }

        return (bestTop, bestBottom);
    }

    /// <summary>The first row of column <paramref name="x"/> that is set (the height when none is).</summary>
    private static int TopmostRow(bool[] mask, int width, int height, int x)
    {
        var y = 0;
        while (y < height && !mask[y * width + x])
        {
            y++;
        }

        return y;
    }

    /// <summary>The run of row <paramref name="y"/>'s matte that holds columns x0…x1 (the columns themselves where it is empty).</summary>
    private static (int From, int To) RowRun(bool[] mask, int width, int y, int x0, int x1)
    {
        var row = y * width;
        int left = x0, right = x1;
        while (left > 0 && mask[row + left - 1])
        {
            left--;
        }

        while (right < width - 1 && mask[row + right + 1])
        {
            right++;
        }

        return (left, right);
    }

    /// <summary>How many rows hold columns x0…x1 standing free: set there, and no wider than they are give or take a pixel.</summary>
    private static int FreeRows(bool[] mask, int width, int height, int x0, int x1)
    {
        var free = 0;
        for (var y = 0; y < height; y++)
        {
            var (from, to) = RowRun(mask, width, y, x0, x1);
            if (to - from + 1 <= x1 - x0 + 3 && AnySet(mask, width, y, from, to))
            {
                free++;
            }
        }

        return free;
    }

    private static bool AnySet(bool[] mask, int width, int y, int from, int to)
        => Array.IndexOf(mask, true, y * width + from, to - from + 1) >= 0;

    /// <summary>Whether column <paramref name="x"/> was cut within <paramref name="reach"/> rows above row <paramref name="y"/>.</summary>
    private static bool CutJustAbove(bool[] cutOut, int width, int x, int y, int reach)
    {
        for (var above = Math.Max(0, y - reach); above < y; above++)
        {
            if (cutOut[above * width + x])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether anything in column <paramref name="x"/> was cut before (false off the frame).</summary>
    private static bool CutBeside(bool[] cutOut, int width, int height, int x)
    {
        if ((uint)x >= (uint)width)
        {
            return false;
        }

        for (var y = 0; y < height; y++)
        {
            if (cutOut[y * width + x])
            {
                return true;
            }
        }

        return false;
    }

    private static bool HoldsClick(ReadOnlySpan<(int X, int Y, bool Positive)> seeds, int x0, int x1, int[] top, int[] bottom)
    {
        foreach (var (x, y, positive) in seeds)
        {
            if (positive && x >= x0 && x <= x1 && y >= top[x] && y <= bottom[x])
            {
                return true;
            }
        }

        return false;
    }
}
