namespace Muybridge.Video.Pixels;

/// <summary>How deep each pixel lies inside a mask: a two-pass 3-4 chamfer distance to the nearest pixel outside it.</summary>
internal static class ChamferDistance
{
    /// <summary>
    /// Writes into <paramref name="depth"/> each pixel's distance (in pixels, within about 8 %) to the nearest pixel outside
    /// <paramref name="mask"/>; 0 outside. The frame's edge counts as inside, so a mask cut by the edge is not shallow there.
    /// </summary>
    public static void Inside(ReadOnlySpan<bool> mask, int width, int height, Span<float> depth)
    {
        const int straight = 3, diagonal = 4;
        var far = int.MaxValue / 2;
        var steps = PlanePool<int>.Shared.Rent(width * height);
        try
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var i = y * width + x;
                    if (!mask[i])
                    {
                        steps[i] = 0;
                        continue;
                    }

                    var d = far;
                    if (x > 0) d = Math.Min(d, steps[i - 1] + straight);
                    if (y > 0)
                    {
                        d = Math.Min(d, steps[i - width] + straight);
                        if (x > 0) d = Math.Min(d, steps[i - width - 1] + diagonal);
                        if (x + 1 < width) d = Math.Min(d, steps[i - width + 1] + diagonal);
                    }

                    steps[i] = d;
                }
            }

            for (var y = height - 1; y >= 0; y--)
            {
                for (var x = width - 1; x >= 0; x--)
                {
                    var i = y * width + x;
                    var d = steps[i];
                    if (d == 0)
                    {
                        depth[i] = 0f;
                        continue;
                    }

                    if (x + 1 < width) d = Math.Min(d, steps[i + 1] + straight);
                    if (y + 1 < height)
                    {
                        d = Math.Min(d, steps[i + width] + straight);
                        if (x + 1 < width) d = Math.Min(d, steps[i + width + 1] + diagonal);
                        if (x > 0) d = Math.Min(d, steps[i + width - 1] + diagonal);
                    }

                    steps[i] = d;
                    depth[i] = d >= far ? float.MaxValue : d / (float)straight;
                }
            }
        }
        finally
        {
            PlanePool<int>.Shared.Return(steps);
        }
    }
}
