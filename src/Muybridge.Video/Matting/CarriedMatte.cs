namespace Muybridge.Video.Matting;

/// <summary>The last good matte, placed on a frame the model failed on.</summary>
internal static class CarriedMatte
{
    /// <summary>
    /// Writes <paramref name="previous"/> (a soft matte, frame-sized) into <paramref name="next"/>, shifted so it covers
    /// what the model still saw on this frame (<paramref name="seen"/>, which may be empty, and may be
    /// <paramref name="next"/> itself: it is read before anything is written) with the smallest move; where it saw
    /// nothing, in place. Not along the flow: on a frame the model fails on the flow fails too (across the book
    /// fold's shadow it moved the horse 50 px the wrong way), and an animal photographed by the next camera stands near
    /// where it stood.
    /// </summary>
    public static void Place(ReadOnlySpan<float> previous, ReadOnlySpan<float> seen, Span<float> next, int width, int height)
    {
        var (dx, dy) = Fit(previous, seen, width, height);
        next[..(width * height)].Clear();
        for (var y = Math.Max(0, dy); y < Math.Min(height, height + dy); y++)
        {
            previous.Slice((y - dy) * width + Math.Max(0, -dx), width - Math.Abs(dx)).CopyTo(next.Slice(y * width + Math.Max(0, dx)));
        }
    }

    /// <summary>The shift (within an eighth of the frame) under which the last matte covers most of what is seen; the smallest among equals.</summary>
    private static (int Dx, int Dy) Fit(ReadOnlySpan<float> previous, ReadOnlySpan<float> seen, int width, int height)
    {
        var points = new List<(int X, int Y)>();
        var step = Math.Max(1, (int)Math.Sqrt(width * height / 4096.0));
        for (var y = 0; y < height; y += step)
        {
            for (var x = 0; x < width; x += step)
            {
                if (seen[y * width + x] >= 0.5f)
                {
                    points.Add((x, y));
                }
            }
        }

        (int Dx, int Dy) best = (0, 0);
        if (points.Count == 0)
        {
            return best;
        }

        var reach = Math.Min(width, height) / 8;
        int bestCovered = -1, bestDistance = int.MaxValue;
        for (var dy = -reach; dy <= reach; dy += 2)
        {
            for (var dx = -reach; dx <= reach; dx += 2)
            {
                var covered = 0;
                foreach (var (x, y) in points)
                {
                    int sx = x - dx, sy = y - dy;
                    if ((uint)sx < (uint)width && (uint)sy < (uint)height && previous[sy * width + sx] >= 0.5f)
                    {
                        covered++;
                    }
                }

                var distance = dx * dx + dy * dy;
                if (covered > bestCovered || (covered == bestCovered && distance < bestDistance))
                {
                    (bestCovered, bestDistance, best) = (covered, distance, (dx, dy));
                }
            }
        }

        return best;
    }
}
