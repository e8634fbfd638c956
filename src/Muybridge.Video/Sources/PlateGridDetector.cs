using Muybridge.Video.Numerics;

namespace Muybridge.Video.Sources;

/// <summary>
/// Finds the gutters of a scanned plate: the bands (white lines, dark separators, a book fold) that run straight across
/// the whole sheet between its R×C frames, then trims what is left of them from each cell.
/// </summary>
/// <remarks>
/// A gutter is told from picture content by being a band that is brighter or darker than both its sides <em>along its whole
/// length</em>: the band response is taken per scan line and its median over the sheet is kept, so a horse or a backdrop post
/// that spans a few lines does not count. The cuts are then fitted as a regular grid (pitch and offset), which keeps a faint
/// gutter from losing to a strong edge inside a frame.
/// </remarks>
internal static class PlateGridDetector
{
    private static readonly int[] Scales = [1, 2, 3, 4, 6, 8, 11, 16, 22];

    /// <summary>Step evidence counts as much as band evidence: prints pasted side by side meet in a step.</summary>
    private const float StepWeight = 1f;

    /// <summary>Share of scan lines that must show a band: half, since a faint scanned line breaks up in places.</summary>
    private const float BandAgreement = 0.5f;

    /// <summary>A step must hold on three lines in four: a lit wall meets its shadow in a step too, but not the whole length.</summary>
    private const float StepAgreement = 0.75f;

    public static PlateCell[] Detect(float[] luma, int width, int height, int rows, int columns)
    {
        try
        {
            return DetectStrips(luma, width, height, rows, columns, rowsFirst: true);
        }
        catch (InvalidFrameInputException)
        {
            // Plates are often pasted up from strips: one axis runs straight across the sheet, the other only within a strip.
            return DetectStrips(luma, width, height, rows, columns, rowsFirst: false);
        }
    }

    /// <summary>Finds the gutters that cross the whole sheet along one axis, then, within each strip between them, the other axis.</summary>
    private static PlateCell[] DetectStrips(float[] luma, int width, int height, int rows, int columns, bool rowsFirst)
    {
        var transposed = Transpose(luma, width, height);
        var outer = rowsFirst
            ? FindCuts(transposed, height, width, rows, horizontal: true)
            : FindCuts(luma, width, height, columns, horizontal: false);

        var stripCount = rowsFirst ? rows : columns;
        var cellCount = rowsFirst ? columns : rows;
        var innerLength = rowsFirst ? width : height;
        var strips = new (float[] Image, int Length)[stripCount];
        var profiles = new Profile[stripCount];
        var shared = new float[innerLength];
        for (var s = 0; s < stripCount; s++)
        {
            var (from, to) = Span(outer, s, stripCount, rowsFirst ? height : width);
            strips[s] = (rowsFirst ? Slice(luma, width, from, to) : Slice(transposed, height, from, to), to - from);
            profiles[s] = Score(strips[s].Image, innerLength, strips[s].Length, cellCount);
            for (var x = 0; x < innerLength; x++)
            {
                shared[x] += profiles[s].Score[x] / stripCount;
            }
        }

        // Each strip fits its own grid (strips are often pasted with offsets), helped by the evidence of all strips:
        // a faint gutter in one strip is found where the other strips have theirs.
        var inner = new AxisCuts[stripCount];
        for (var s = 0; s < stripCount; s++)
        {
            inner[s] = Cut(strips[s].Image, innerLength, strips[s].Length, cellCount, !rowsFirst, profiles[s], shared);
        }

        var bands = outer.Bands.Concat(inner.SelectMany(i => i.Bands)).ToArray();
        var level = bands.Length == 0 ? (float?)null : Statistics.Median(bands.Select(b => b.Level));
        var tolerance = bands.Length == 0 ? 0 : Math.Clamp(0.5f * Statistics.Median(bands.Select(b => b.Contrast)), 0.03f, 0.1f);
        var cells = new List<PlateCell>(rows * columns);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var (x0, x1) = rowsFirst ? Span(inner[r], c, columns, width) : Span(outer, c, columns, width);
                var (y0, y1) = rowsFirst ? Span(outer, r, rows, height) : Span(inner[c], r, rows, height);
                if (x1 - x0 < 8 || y1 - y0 < 8)
                {
                    throw new InvalidFrameInputException($"Plate grid {rows}x{columns} leaves cell ({r},{c}) empty; is the grid size right?");
                }

                (x0, y0, x1, y1) = level is float l ? Trim(luma, width, x0, y0, x1, y1, l, tolerance) : (x0, y0, x1, y1);
                cells.Add(new PlateCell(r, c, x0, y0, x1 - x0, y1 - y0));
            }
        }

        return EqualiseSizes(cells, width, height);
    }

    private static (int From, int To) Span(AxisCuts cuts, int index, int count, int length)
        => (index == 0 ? 0 : cuts.Bands[index - 1].End, index == count - 1 ? length : cuts.Bands[index].Start);

    /// <summary>Copies lines [from, to) of a row-major image.</summary>
    private static float[] Slice(float[] image, int width, int from, int to)
        => image.AsSpan(from * width, (to - from) * width).ToArray();

    private readonly record struct Band(int Start, int End, float Level, float Contrast);

    private sealed record AxisCuts(Band[] Bands);

    private sealed record Profile(float[] Score, int[] Scale);

    /// <summary>Finds <paramref name="cells"/> − 1 gutters across the x axis of a row-major image.</summary>
    private static AxisCuts FindCuts(float[] image, int width, int height, int cells, bool horizontal)
    {
        var profile = Score(image, width, height, cells);
        return Cut(image, width, height, cells, horizontal, profile, profile.Score);
    }

    /// <summary>Gutter evidence at each x: the strongest band (or step) contrast that the scan lines agree on.</summary>
    private static Profile Score(float[] image, int width, int height, int cells)
    {
        var score = new float[width];
        var bestScale = new int[width];
        if (cells == 1)
        {
            return new Profile(score, bestScale);
        }

        var maxScale = Math.Max(1, width / cells / 10);
        var scales = Scales.Where(s => s <= maxScale).ToArray();
        var rowStep = Math.Max(1, height / 400);
        var sampleRows = Enumerable.Range(0, height / rowStep).Select(i => i * rowStep).ToArray();
        var prefix = new double[sampleRows.Length][];
        for (var i = 0; i < sampleRows.Length; i++)
        {
            var p = new double[width + 1];
            var row = sampleRows[i] * width;
            for (var x = 0; x < width; x++)
            {
                p[x + 1] = p[x] + image[row + x];
            }

            prefix[i] = p;
        }

        var responses = new float[sampleRows.Length];
        foreach (var r in scales)
        {
            var side = 2 * r + 1;
            for (var x = 3 * r + 1; x < width - 3 * r - 1; x++)
            {
                for (var i = 0; i < prefix.Length; i++)
                {
                    var p = prefix[i];
                    var inner = (p[x + r + 1] - p[x - r]) / side;
                    var left = (p[x - r] - p[x - 3 * r - 1]) / side;
                    var right = (p[x + 3 * r + 2] - p[x + r + 1]) / side;
                    var dl = inner - left;
                    var dr = inner - right;
                    responses[i] = Math.Sign(dl) == Math.Sign(dr) ? (float)(Math.Sign(dl) * Math.Min(Math.Abs(dl), Math.Abs(dr))) : 0f;
                }

                var agreed = ConsistentResponse(responses, BandAgreement);
                if (agreed > score[x])
                {
                    score[x] = agreed;
                    bestScale[x] = r;
                }

                // Prints pasted side by side meet in a step of brightness rather than a line.
                for (var i = 0; i < prefix.Length; i++)
                {
                    var p = prefix[i];
                    var left = (p[x] - p[x - side]) / side;
                    var right = (p[x + 1 + side] - p[x + 1]) / side;
                    responses[i] = (float)(right - left);
                }

                var step = StepWeight * ConsistentResponse(responses, StepAgreement);
                if (step > score[x])
                {
                    score[x] = step;
                    bestScale[x] = 1;
                }
            }
        }

        return new Profile(score, bestScale);
    }

    /// <summary>Places the cuts on a regular grid fitted to <paramref name="fitScore"/>, each refined on its own profile.</summary>
    private static AxisCuts Cut(float[] image, int width, int height, int cells, bool horizontal, Profile own, float[] fitScore)
    {
        if (cells == 1)
        {
            return new AxisCuts([]);
        }

        var score = own.Score;
        var bestScale = own.Scale;
        var combined = new float[width];
        for (var x = 0; x < width; x++)
        {
            combined[x] = score[x] + fitScore[x];
        }

        var noise = Statistics.Median(combined);
        var (pitch, offset) = FitGrid(combined, width, cells);
        var bands = new Band[cells - 1];
        for (var k = 1; k < cells; k++)
        {
            var expected = offset + k * pitch;
            var tolerance = Math.Max(2, (int)(0.05 * pitch));
            var best = -1;
            for (var x = Math.Max(0, (int)expected - tolerance); x <= Math.Min(width - 1, (int)expected + tolerance); x++)
            {
                if (best < 0 || combined[x] > combined[best]) best = x;
            }

            if (best < 0 || combined[best] < Math.Max(0.005f, 2 * noise))
            {
                throw new InvalidFrameInputException(
                    $"No {(horizontal ? "horizontal" : "vertical")} gutter found near {(horizontal ? "y" : "x")}={(int)expected} for a grid of {cells} {(horizontal ? "rows" : "columns")} " +
                    $"(band contrast {(best < 0 ? 0 : combined[best]):0.000} vs background {noise:0.000}). Check the --plate grid size, or that this image is a plate.");
            }

            var r = bestScale[best];
            bands[k - 1] = new Band(Math.Max(0, best - r), Math.Min(width, best + r + 1), BandLevel(image, width, height, best - r, best + r + 1), score[best]);
        }

        return new AxisCuts(bands);
    }

    /// <summary>Chooses pitch and offset so the interior cuts land on the strongest gutter evidence.</summary>
    private static (double Pitch, double Offset) FitGrid(float[] score, int length, int cells)
    {
        var window = new float[length];
        double bestSum = -1, bestPitch = (double)length / cells, bestOffset = 0;
        for (var pitch = length / (cells + 0.6); pitch <= (double)length / cells + 1e-9; pitch += 0.5)
        {
            var tolerance = Math.Max(2, (int)(0.05 * pitch));
            SlidingWindow.Max(score, window, tolerance);
            for (var offset = 0.0; offset + cells * pitch <= length + 1e-9; offset += 1)
            {
                double sum = 0;
                for (var k = 1; k < cells; k++)
                {
                    sum += window[Math.Min(length - 1, (int)(offset + k * pitch))];
                }

                // Prefer a centred grid when the evidence ties (margins are usually even).
                sum -= 1e-6 * Math.Abs(offset - (length - cells * pitch) / 2);
                if (sum > bestSum)
                {
                    (bestSum, bestPitch, bestOffset) = (sum, pitch, offset);
                }
            }
        }

        return (bestPitch, bestOffset);
    }

    private static float BandLevel(float[] image, int width, int height, int start, int end)
    {
        start = Math.Max(0, start);
        end = Math.Min(width, end);
        var values = new float[(end - start) * height];
        var n = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = start; x < end; x++)
            {
                values[n++] = image[y * width + x];
            }
        }

        return Statistics.Median(values);
    }

    /// <summary>
    /// Moves each side of a cell inward while its edge line still looks like gutter: most of its pixels within half the
    /// gutters' contrast of their level (a faint white line trims a pixel; a black separator trims its whole width).
    /// </summary>
    private static (int X0, int Y0, int X1, int Y1) Trim(float[] luma, int width, int x0, int y0, int x1, int y1, float level, float tolerance)
    {
        var maxX = (x1 - x0) / 6;
        var maxY = (y1 - y0) / 6;
        bool Gutter(int fixedCoordinate, int from, int to, bool vertical)
        {
            var hits = 0;
            for (var t = from; t < to; t++)
            {
                var v = vertical ? luma[t * width + fixedCoordinate] : luma[fixedCoordinate * width + t];
                if (Math.Abs(v - level) < tolerance) hits++;
            }

            return hits > 0.6 * (to - from);
        }

        for (var i = 0; i < maxX && Gutter(x0, y0, y1, vertical: true); i++) x0++;
        for (var i = 0; i < maxX && Gutter(x1 - 1, y0, y1, vertical: true); i++) x1--;
        for (var i = 0; i < maxY && Gutter(y0, x0, x1, vertical: false); i++) y0++;
        for (var i = 0; i < maxY && Gutter(y1 - 1, x0, x1, vertical: false); i++) y1--;

        // The scan blurs a gutter's edge over a pixel or two; an inset keeps that seam out of the frame.
        var insetX = Math.Max(1, (x1 - x0) / 100);
        var insetY = Math.Max(1, (y1 - y0) / 100);
        return (x0 + insetX, y0 + insetY, x1 - insetX, y1 - insetY);
    }

    /// <summary>Cuts every cell to one size (the smallest, unless that is an outlier), centred on the trimmed cell.</summary>
    private static PlateCell[] EqualiseSizes(List<PlateCell> cells, int width, int height)
    {
        int Pick(IEnumerable<int> values)
        {
            var sorted = values.Order().ToArray();
            var median = sorted[sorted.Length / 2];
            return sorted[0] >= 0.9 * median ? sorted[0] : (int)(0.9 * median);
        }

        var w = Pick(cells.Select(c => c.Width));
        var h = Pick(cells.Select(c => c.Height));
        return cells.Select(c =>
        {
            var x = Math.Clamp(c.X + (c.Width - w) / 2, 0, width - w);
            var y = Math.Clamp(c.Y + (c.Height - h) / 2, 0, height - h);
            return c with { X = x, Y = y, Width = w, Height = h };
        }).ToArray();
    }

    private static float[] Transpose(float[] image, int width, int height)
    {
        var result = new float[image.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                result[x * height + y] = image[y * width + x];
            }
        }

        return result;
    }

    /// <summary>
    /// The band contrast that at least three quarters of the scan lines reach with the same sign: a gutter runs the whole
    /// length, while a horse's body or a backdrop post covers only part of it.
    /// </summary>
    private static float ConsistentResponse(float[] responses, float agreement)
    {
        Array.Sort(responses);
        var low = responses[(int)(responses.Length * (1 - agreement))];
        var high = responses[(int)(responses.Length * agreement)];
        return Math.Max(0, Math.Max(low, -high));
    }
}
