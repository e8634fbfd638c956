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

    /// <summary>A matte whose last row covers this much of the frame's bottom edge ends in ground, however much of it that is.</summary>
    private const double BottomEdgeShare = 0.6;

    /// <summary>Cuts the band from a soft matte (0…1) in place, its fringe under the band too; returns whether there was one.</summary>
    public static bool Cut(Span<float> soft, int width, int height)
    {
        var mask = PlanePool<bool>.Shared.Rent(width * height);
        try
        {
            for (var i = 0; i < width * height; i++)
            {
                mask[i] = soft[i] >= 0.25f;
            }

            if (Find(mask, width, height) is not { } band)
            {
                return false;
            }

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

            return true;
        }
        finally
        {
            PlanePool<bool>.Shared.Return(mask);
        }
    }

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
        var bandTop = -1;
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

            if (coverage[y] >= WiderThanLegs * Math.Max(1, legs))
            {
                bandTop = y;
            }
        }

        if (bandTop < 0)
        {
            return null;
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

        var hoof = Math.Max(1, (int)Math.Round(0.02 * height));
        var found = new Band(bandTop, feet, hoof);
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

    private sealed record Band(int Top, bool[] Feet, int Hoof)
    {
        public bool Keeps(int x, int y) => Feet[x] && y < Top + Hoof;
    }
}
