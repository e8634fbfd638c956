using Muybridge.Video.Frames;
using Muybridge.Video.Numerics;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Sources;

/// <summary>
/// Finds the frame numbers printed or scratched into a plate's pictures and paints them out. A number is a small dark
/// glyph near one corner of its picture, in the <em>same</em> corner of every picture on the sheet, while what lies
/// under it (the backdrop, the animal) moves from picture to picture: so a glyph counts only where most cells have one
/// within a few pixels of the same place. Grid and track lines are told from glyphs by their length (a glyph's ink is
/// what is left after the median of a long horizontal or vertical run through it is taken away).
/// </summary>
/// <remarks>
/// The painted-out pixels take a smooth (harmonic) fill from the pixels around them, plus grain as strong as theirs: a
/// glyph's strokes are one to three pixels wide, so every filled pixel is close to a real one. Every other pixel is left
/// exactly as it was.
/// </remarks>
internal static class PlateNumbers
{
    /// <summary>Relative darkness of a stroke against its surroundings: the plates' numbers are 20–35 % darker, grain ±8 %.</summary>
    private const float StrokeContrast = 0.15f;

    /// <summary>
    /// Where a cell has no glyph at <see cref="StrokeContrast"/>, a fainter one is taken at the found place, if the paper
    /// around the place is clean (glyphs beside it in at most <see cref="CleanPaper"/> of the cells): among pebbles or
    /// ruled edges a faint blob there is as likely the ground as a number.
    /// </summary>
    private const float FaintStrokeContrast = 0.1f;

    /// <summary>See <see cref="FaintStrokeContrast"/>.</summary>
    private const float CleanPaper = 0.1f;

    /// <summary>A corner: this share of the width from the left or right edge…</summary>
    private const float CornerWidth = 0.25f;

    /// <summary>…and this share of the height from the top or bottom edge.</summary>
    private const float CornerHeight = 0.3f;

    /// <summary>Ink is worked out this much beyond the corners' edges.</summary>
    private const float InkMargin = 1.4f;

    /// <summary>Share of cells that must show a glyph at one place for it to count as the plate's numbering.</summary>
    private const float Agreement = 0.4f;

    /// <summary>How many times more cells must show a glyph at a number's place than at any place beside it.</summary>
    private const float MinLead = 1.5f;

    /// <summary>Finds the numbers on a plate's cells (all the same size) and returns one mask per cell (null where none).</summary>
    public static bool[]?[] Find(IReadOnlyList<Frame> cells)
    {
        var masks = new bool[]?[cells.Count];
        if (cells.Count < 3)
        {
            return masks;
        }

        int width = cells[0].Width, height = cells[0].Height, n = width * height;
        var inks = new (float[] Raw, float[] Glyph)[cells.Count];
        var candidates = new List<Glyph>[cells.Count];
        Parallel.For(0, cells.Count, k =>
        {
            inks[k] = GlyphInk(cells[k], width, height);
            candidates[k] = Glyphs(inks[k].Glyph, width, height, StrokeContrast, window: null);
        });

        var (radiusX, radiusY) = (Math.Max(3f, 0.05f * width), Math.Max(3f, 0.06f * height));
        var best = BestPlace(candidates, width, height, radiusX, radiusY);
        if (best.Support < Math.Max(3, (int)Math.Ceiling(Agreement * cells.Count)))
        {
            return masks;
        }

        (radiusX, radiusY) = (best.Scale * radiusX, best.Scale * radiusY);

        // The place is the median of the agreeing glyphs' centres (each cell's nearest), so one stray glyph does not pull it.
        var agreeing = candidates.Select(c => Nearest(c.Where(g => Near(g, best.X, best.Y)), best.X, best.Y)).OfType<Glyph>().ToArray();
        var (placeX, placeY) = (Statistics.Median(agreeing.Select(g => g.X)), Statistics.Median(agreeing.Select(g => g.Y)));
        var (typicalWidth, typicalHeight) = (Statistics.Median(agreeing.Select(g => (float)g.Width)), Statistics.Median(agreeing.Select(g => (float)g.Height)));

        // A number lies within half a glyph of the place plus the agreeing glyphs' own scatter: anything further out, though
        // inside the place, is the ground around it (the bowler plate's board has pebbles right below its numbers).
        radiusX = Math.Min(radiusX, typicalWidth / 2 + Math.Max(2, Statistics.Median(agreeing.Select(g => MathF.Abs(g.X - placeX)))));
        radiusY = Math.Min(radiusY, typicalHeight / 2 + Math.Max(2, Statistics.Median(agreeing.Select(g => MathF.Abs(g.Y - placeY)))));
        var window = (
            X0: (int)(placeX - 2 * radiusX), X1: (int)Math.Ceiling(placeX + 2 * radiusX),
            Y0: (int)(placeY - 2 * radiusY), Y1: (int)Math.Ceiling(placeY + 2 * radiusY));
        for (var k = 0; k < cells.Count; k++)
        {
            var here = Number(candidates[k]);
            if (here.Count == 0 && best.Beside <= CleanPaper * cells.Count)
            {
                here = Number(Glyphs(inks[k].Glyph, width, height, FaintStrokeContrast, window));
            }

            if (here.Count == 0)
            {
                continue;
            }

            var mask = new bool[n];
            foreach (var glyph in here)
            {
                foreach (var pixel in glyph.Pixels)
                {
                    mask[pixel] = true;
                }

                // A stroke that touches a ruled line lost its ink to the line's median; take it back within the glyph's box.
                var (x0, x1) = (Math.Max(0, glyph.Left - 1), Math.Min(width - 1, glyph.Right + 1));
                var (y0, y1) = (Math.Max(0, glyph.Top - 1), Math.Min(height - 1, glyph.Bottom + 1));
                for (var y = y0; y <= y1; y++)
                {
                    for (var x = x0; x <= x1; x++)
                    {
                        mask[y * width + x] |= inks[k].Raw[y * width + x] > StrokeContrast;
                    }
                }
            }

            // The glyph's soft edge (ink bleeds a pixel into the paper) goes too.
            MaskMorphology.Morph(mask, width, height, 1, dilate: true);
            masks[k] = mask;
        }

        return masks;

        bool Near(Glyph g, float x, float y) => MathF.Abs(g.X - x) <= radiusX && MathF.Abs(g.Y - y) <= radiusY;

        Glyph? Nearest(IEnumerable<Glyph> glyphs, float x, float y) => glyphs.MinBy(g => MathF.Abs(g.X - x) / radiusX + MathF.Abs(g.Y - y) / radiusY);

        // A cell's number: the number-sized glyph nearest the place, with any beside it on the same line (a second digit).
        List<Glyph> Number(List<Glyph> glyphs)
        {
            var near = glyphs.Where(g => Near(g, placeX, placeY) && g.Width <= 1.6f * typicalWidth + 2 && g.Height <= 1.6f * typicalHeight + 2).ToList();
            return Nearest(near, placeX, placeY) is { } first ? near.Where(g => g.Top <= first.Bottom && g.Bottom >= first.Top).ToList() : [];
        }
    }

    /// <summary>
    /// The place most cells have a glyph at, by how far it beats the same-sized places beside it (left, right, above,
    /// below): a number stands out from its surroundings, a textured ground (pebbles on the bowler plate's board) throws up
    /// blobs at every place along it, so it does not. Places three and two fifths the size are tried too, for numbers that
    /// stand close above such a ground.
    /// </summary>
    private static (int Support, int Beside, float X, float Y, float Scale) BestPlace(List<Glyph>[] candidates, int width, int height, float radiusX, float radiusY)
    {
        var best = (Support: 0, Lead: 0, X: 0f, Y: 0f, Scale: 1f);
        foreach (var scale in (ReadOnlySpan<float>)[1f, 0.6f, 0.4f])
        {
            var (rx, ry) = (scale * radiusX, scale * radiusY);
            foreach (var glyph in candidates.SelectMany(c => c))
            {
                var support = Support(glyph.X, glyph.Y);
                var beside = Math.Max(
                    Math.Max(Support(glyph.X - 2 * rx, glyph.Y), Support(glyph.X + 2 * rx, glyph.Y)),
                    Math.Max(Support(glyph.X, glyph.Y - 2 * ry), Support(glyph.X, glyph.Y + 2 * ry)));
                var lead = support - beside;
                if (support >= MinLead * beside && lead >= 3 && (lead > best.Lead || (lead == best.Lead && support > best.Support)))
                {
                    best = (support, lead, glyph.X, glyph.Y, scale);
                }
            }

            int Support(float x, float y)
                => x < 0 || y < 0 || x >= width || y >= height ? 0 : candidates.Count(c => c.Any(g => MathF.Abs(g.X - x) <= rx && MathF.Abs(g.Y - y) <= ry));
        }

        return (best.Support, best.Support - best.Lead, best.X, best.Y, best.Scale);
    }

    /// <summary>Paints out the masked pixels of <paramref name="frame"/> with a harmonic fill from the pixels around them.</summary>
    public static void Erase(Frame frame, bool[] mask)
    {
        int width = frame.Width, height = frame.Height;
        int x0 = width, x1 = -1, y0 = height, y1 = -1;
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i])
            {
                (x0, x1, y0, y1) = (Math.Min(x0, i % width), Math.Max(x1, i % width), Math.Min(y0, i / width), Math.Max(y1, i / width));
            }
        }

        if (x1 < 0)
        {
            return;
        }

        var rgb = frame.Rgb;
        var boxWidth = x1 - x0 + 1;
        var values = new float[boxWidth * (y1 - y0 + 1) * 3];
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    values[((y - y0) * boxWidth + x - x0) * 3 + c] = rgb[(y * width + x) * 3 + c];
                }
            }
        }

        // Gauss–Seidel on Laplace's equation: enough sweeps for the widest stroke to settle (a few pixels across).
        var sweeps = 4 * Math.Max(boxWidth, y1 - y0 + 1);
        for (var sweep = 0; sweep < sweeps; sweep++)
        {
            for (var y = y0; y <= y1; y++)
            {
                for (var x = x0; x <= x1; x++)
                {
                    if (!mask[y * width + x])
                    {
                        continue;
                    }

                    for (var c = 0; c < 3; c++)
                    {
                        float sum = 0;
                        var count = 0;
                        foreach (var (nx, ny) in (ReadOnlySpan<(int, int)>)[(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)])
                        {
                            if (nx < 0 || ny < 0 || nx >= width || ny >= height)
                            {
                                continue;
                            }

                            sum += nx < x0 || nx > x1 || ny < y0 || ny > y1
                                ? rgb[(ny * width + nx) * 3 + c]
                                : values[((ny - y0) * boxWidth + nx - x0) * 3 + c];
                            count++;
                        }

                        values[((y - y0) * boxWidth + x - x0) * 3 + c] = sum / count;
                    }
                }
            }
        }

        // A harmonic fill is smooth, the photograph around it is grainy: the patch gets grain of the same strength, from a
        // generator seeded by where it is (not HashCode, which differs per process), so every run paints the same pixels
        // and a render's manifest replays byte for byte.
        var grain = GrainStrength(rgb, mask, width, height, x0, x1, y0, y1);
        var random = new Random((x0 * 73856093) ^ (y0 * 19349663) ^ (x1 * 83492791) ^ y1);
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                if (mask[y * width + x])
                {
                    var noise = grain * Gaussian(random);
                    for (var c = 0; c < 3; c++)
                    {
                        rgb[(y * width + x) * 3 + c] = (byte)Math.Clamp(values[((y - y0) * boxWidth + x - x0) * 3 + c] + noise + 0.5f, 0, 255);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The grain's standard deviation in the unmasked pixels within 3 px of the mask (grey levels): each pixel's difference
    /// from the mean of its four neighbours, which for white grain of deviation σ has deviation σ·√(5/4), taken robustly
    /// (1.4826 × the median absolute difference) so that edges nearby do not count as grain.
    /// </summary>
    private static float GrainStrength(Span<byte> rgb, bool[] mask, int width, int height, int x0, int x1, int y0, int y1)
    {
        var differences = new List<float>();
        for (var y = Math.Max(1, y0 - 3); y <= Math.Min(height - 2, y1 + 3); y++)
        {
            for (var x = Math.Max(1, x0 - 3); x <= Math.Min(width - 2, x1 + 3); x++)
            {
                var i = y * width + x;
                if (mask[i] || mask[i - 1] || mask[i + 1] || mask[i - width] || mask[i + width])
                {
                    continue;
                }

                var around = (Grey(rgb, i - 1) + Grey(rgb, i + 1) + Grey(rgb, i - width) + Grey(rgb, i + width)) / 4f;
                differences.Add(MathF.Abs(Grey(rgb, i) - around));
            }
        }

        return differences.Count < 8 ? 0 : 1.4826f * Statistics.Median(differences) / MathF.Sqrt(1.25f);

        static float Grey(Span<byte> rgb, int i) => (rgb[3 * i] + rgb[3 * i + 1] + rgb[3 * i + 2]) / 3f;
    }

    private static float Gaussian(Random random)
        => MathF.Sqrt(-2f * MathF.Log(1f - random.NextSingle())) * MathF.Cos(2f * MathF.PI * random.NextSingle());

    private sealed record Glyph(int Left, int Right, int Top, int Bottom, int[] Pixels)
    {
        public float X => (Left + Right) / 2f;

        public float Y => (Top + Bottom) / 2f;

        public int Width => Right - Left + 1;

        public int Height => Bottom - Top + 1;
    }

    /// <summary>
    /// Dark strokes (a closing's excess over the picture, relative to its brightness): as they are, and less what belongs
    /// to long lines.
    /// </summary>
    private static (float[] Raw, float[] Glyph) GlyphInk(Frame cell, int width, int height)
    {
        var n = width * height;
        var luma = new float[n];
        Luma.FillUnit(cell.Rgb, luma);
        var closed = (float[])luma.Clone();
        var scratch = new float[n];
        MaskMorphology.MinMax(closed, scratch, width, height, 3, grow: true);
        MaskMorphology.MinMax(closed, scratch, width, height, 3, grow: false);
        var ink = new float[n];
        for (var i = 0; i < n; i++)
        {
            ink[i] = (closed[i] - luma[i]) / Math.Max(0.05f, closed[i]);
        }

        // A run twice a glyph's height: a stroke of the glyph covers less than half of it, a grid line all of it.
        var run = Math.Clamp((int)Math.Round(0.12 * height), 7, 20);
        var along = RunMedian(ink, width, height, run, horizontal: true);
        var across = RunMedian(ink, width, height, run, horizontal: false);
        var glyph = new float[n];
        for (var i = 0; i < n; i++)
        {
            // Numbers stand in a corner, so the middle (the animal) is not worked out; a margin beyond the corners lets a
            // blob that runs out of a corner (a horse's head) show its full size and be refused.
            glyph[i] = InCorner(i % width, i / width, width, height, InkMargin) ? ink[i] - Math.Max(along[i], across[i]) : 0;
        }

        return (ink, glyph);
    }

    /// <summary>Median of the <c>2·half + 1</c> pixels along a row or a column through each pixel.</summary>
    private static float[] RunMedian(float[] plane, int width, int height, int half, bool horizontal)
    {
        var result = new float[plane.Length];
        var window = new float[2 * half + 1];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (!InCorner(x, y, width, height, InkMargin))
                {
                    continue;
                }

                var m = 0;
                for (var d = -half; d <= half; d++)
                {
                    var (sx, sy) = horizontal ? (x + d, y) : (x, y + d);
                    if (sx >= 0 && sy >= 0 && sx < width && sy < height)
                    {
                        window[m++] = plane[sy * width + sx];
                    }
                }

                Array.Sort(window, 0, m);
                result[y * width + x] = window[m / 2];
            }
        }

        return result;
    }

    /// <summary>Glyph-sized blobs of ink near a corner (or inside <paramref name="window"/>).</summary>
    private static List<Glyph> Glyphs(float[] ink, int width, int height, float contrast, (int X0, int X1, int Y0, int Y1)? window)
    {
        var n = width * height;
        var strong = new bool[n];
        for (var i = 0; i < n; i++)
        {
            strong[i] = ink[i] > contrast;
        }

        // Strokes of one glyph touch once grown by a pixel (scanned strokes break up).
        var grown = (bool[])strong.Clone();
        MaskMorphology.Morph(grown, width, height, 1, dilate: true);
        var labels = new int[n];
        var sizes = new List<int>();
        MaskMorphology.Regions(grown, width, height, labels, sizes);
        var pixels = new List<int>[sizes.Count];
        for (var i = 0; i < n; i++)
        {
            if (labels[i] >= 0 && strong[i])
            {
                (pixels[labels[i]] ??= []).Add(i);
            }
        }

        var minimumExtent = Math.Max(3, (int)Math.Round(0.025 * height));
        var glyphs = new List<Glyph>();
        foreach (var blob in pixels)
        {
            if (blob is null || blob.Count < 5)
            {
                continue;
            }

            int x0 = blob.Min(p => p % width), x1 = blob.Max(p => p % width), y0 = blob.Min(p => p / width), y1 = blob.Max(p => p / width);
            int blobWidth = x1 - x0 + 1, blobHeight = y1 - y0 + 1;
            var glyphSized = blobWidth <= 0.12 * width && blobHeight <= 0.2 * height && Math.Max(blobWidth, blobHeight) >= minimumExtent;
            var placed = window is { } w
                ? x1 >= w.X0 && x0 <= w.X1 && y1 >= w.Y0 && y0 <= w.Y1
                : InCorner(x0, y0, width, height) && InCorner(x1, y1, width, height);
            if (glyphSized && placed)
            {
                glyphs.Add(new Glyph(x0, x1, y0, y1, blob.ToArray()));
            }
        }

        return glyphs;
    }

    /// <summary>Whether a pixel lies in one of the corners searched (<paramref name="grow"/> widens them).</summary>
    private static bool InCorner(int x, int y, int width, int height, float grow = 1f)
        => (x < grow * CornerWidth * width || x >= (1 - grow * CornerWidth) * width)
           && (y < grow * CornerHeight * height || y >= (1 - grow * CornerHeight) * height);
}
