namespace Muybridge.Video.Motion;

/// <summary>
/// Exhaustive search for the one translation that best maps a small image onto another, with a truncated error so the
/// moving animal cannot outvote the backdrop. Scanned plates jump by more than any local search reaches.
/// </summary>
internal static class GlobalTranslation
{
    private const float Truncation = 24f;

    public static (float X, float Y) Search(FloatPlane first, FloatPlane second, float maxShift)
    {
        int width = first.Width, height = first.Height;
        var rangeX = (int)MathF.Round(maxShift * width);
        var rangeY = (int)MathF.Round(maxShift * height);
        var meanOffset = Mean(second) - Mean(first);
        var a = first.Data;
        var b = second.Data;
        double bestCost = double.MaxValue;
        int bestX = 0, bestY = 0;
        for (var dy = -rangeY; dy <= rangeY; dy++)
        {
            for (var dx = -rangeX; dx <= rangeX; dx++)
            {
                int x0 = Math.Max(0, -dx), x1 = Math.Min(width, width - dx);
                int y0 = Math.Max(0, -dy), y1 = Math.Min(height, height - dy);
                var area = (x1 - x0) * (y1 - y0);
                if (area < width * height / 2)
                {
                    continue;
                }

                double cost = 0;
                for (var y = y0; y < y1; y++)
                {
                    var rowA = a.AsSpan(y * width + x0, x1 - x0);
                    var rowB = b.AsSpan((y + dy) * width + x0 + dx, x1 - x0);
                    var rowCost = 0f;
                    for (var x = 0; x < rowA.Length; x++)
                    {
                        rowCost += Math.Min(Math.Abs(rowB[x] - rowA[x] - meanOffset), Truncation);
                    }

                    cost += rowCost;
                }

                // A small preference for small shifts breaks ties on flat, repetitive backdrops.
                cost = cost / area + 0.02 * Math.Sqrt(dx * dx + dy * dy);
                if (cost < bestCost)
                {
                    (bestCost, bestX, bestY) = (cost, dx, dy);
                }
            }
        }

        return (bestX, bestY);
    }

    private static float Mean(FloatPlane plane)
    {
        double sum = 0;
        foreach (var value in plane.Span)
        {
            sum += value;
        }

        return (float)(sum / (plane.Width * plane.Height));
    }
}
