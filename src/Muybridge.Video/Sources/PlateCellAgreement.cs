using Muybridge.Video.Numerics;

namespace Muybridge.Video.Sources;

/// <summary>
/// Tells a plate from a photograph cut into a grid: a plate repeats one picture (one backdrop, one camera bank), so each
/// cell looks like its neighbour one pitch away far more than like the picture half a pitch away; the parts of one
/// photograph do not repeat, and a smooth one looks as much like itself half a cell on. Medians over all neighbour pairs,
/// so the subject's own motion between frames does not decide.
/// </summary>
internal static class PlateCellAgreement
{
    private const int Side = 24;

    /// <summary>Neighbouring frames of the shared plates correlate at 0.69–0.82; parts of photographs at 0.57 or less.</summary>
    private const float MinimumPitchCorrelation = 0.5f;

    /// <summary>On plates a cell beats the half-pitch shift by 0.56 or more; on photographs by 0.27 at most.</summary>
    private const float MinimumMargin = 0.3f;

    public static void Require(float[] luma, int width, PlateCell[] cells, string path)
    {
        var (pitch, half) = Measure(luma, width, cells);
        if (pitch < MinimumPitchCorrelation || pitch - half < MinimumMargin)
        {
            throw new InvalidFrameInputException(
                $"'{Path.GetFileName(path)}' does not look like a plate: its cells do not repeat one picture (neighbours correlate at {pitch:0.00}, " +
                $"half a cell apart at {half:0.00}). A photograph with no grid is not sliced; check the --plate grid size.");
        }
    }

    private static (float Pitch, float HalfPitch) Measure(float[] luma, int width, PlateCell[] cells)
    {
        var thumbs = cells.ToDictionary(c => (c.Row, c.Column), c => Thumbnail(luma, width, c));
        var pitch = new List<float>();
        var half = new List<float>();
        foreach (var a in cells)
        {
            foreach (var b in cells.Where(b => (b.Row == a.Row && b.Column == a.Column + 1) || (b.Column == a.Column && b.Row == a.Row + 1)))
            {
                var thumbA = thumbs[(a.Row, a.Column)];
                pitch.Add(Correlation(thumbA, thumbs[(b.Row, b.Column)]));
                var between = a with { X = (a.X + b.X) / 2, Y = (a.Y + b.Y) / 2 };
                half.Add(Correlation(thumbA, Thumbnail(luma, width, between)));
            }
        }

        return (Statistics.Median(pitch), Statistics.Median(half));
    }

    /// <summary>Box-averaged luma of a cell on a Side×Side grid.</summary>
    private static float[] Thumbnail(float[] luma, int width, PlateCell cell)
    {
        var sums = new double[Side * Side];
        var counts = new int[Side * Side];
        for (var y = 0; y < cell.Height; y++)
        {
            var ty = y * Side / cell.Height;
            var row = (cell.Y + y) * width + cell.X;
            for (var x = 0; x < cell.Width; x++)
            {
                var t = ty * Side + x * Side / cell.Width;
                sums[t] += luma[row + x];
                counts[t]++;
            }
        }

        var thumb = new float[Side * Side];
        for (var i = 0; i < thumb.Length; i++)
        {
            thumb[i] = counts[i] == 0 ? 0 : (float)(sums[i] / counts[i]);
        }

        return thumb;
    }

    private static float Correlation(float[] a, float[] b)
    {
        double meanA = a.Average(), meanB = b.Average(), ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var da = a[i] - meanA;
            var db = b[i] - meanB;
            ab += da * db;
            aa += da * da;
            bb += db * db;
        }

        return aa < 1e-9 || bb < 1e-9 ? 0 : (float)(ab / Math.Sqrt(aa * bb));
    }
}
