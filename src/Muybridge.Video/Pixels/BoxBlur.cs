using System.Numerics;

namespace Muybridge.Video.Pixels;

/// <summary>
/// Box blurs of a float plane, in place, by running sums (any radius costs the same). Two border rules, named: the
/// window shrinks at the border (flow, depth, colour maps: a mean of what is there), or the edge pixel is repeated
/// (mattes: a feathered edge stays as opaque as the matte at the border).
/// </summary>
internal static class BoxBlur
{
    /// <summary>Window 2r+1, shrunk at the border; <paramref name="scratch"/> holds a plane.</summary>
    public static void ShrinkingWindow(Span<float> plane, Span<float> scratch, int width, int height, int radius)
    {
        for (var y = 0; y < height; y++)
        {
            ShrinkingRow(plane.Slice(y * width, width), scratch.Slice(y * width, width), radius);
        }

        ShrinkingColumns(scratch, plane, width, height, radius);
    }

    /// <summary>One box blur of window 2r+1 with the edge pixels repeated (with a weight plane, a local weighted mean).</summary>
    public static void ClampedEdges(Span<float> plane, int width, int height, int radius)
    {
        var scratch = PlanePool<float>.Shared.Rent(Math.Max(width, height));
        try
        {
            for (var y = 0; y < height; y++)
            {
                ClampedLine(plane.Slice(y * width, width), 1, width, radius, scratch);
            }

            for (var x = 0; x < width; x++)
            {
                ClampedLine(plane[x..], width, height, radius, scratch);
            }
        }
        finally
        {
            PlanePool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>Approximates a Gaussian of the given radius by three clamped box blurs.</summary>
    public static void ClampedGaussian(Span<float> plane, int width, int height, double radius)
    {
        var box = Math.Max(1, (int)Math.Round(radius / 1.7));
        for (var pass = 0; pass < 3; pass++)
        {
            ClampedEdges(plane, width, height, box);
        }
    }

    private static void ShrinkingRow(ReadOnlySpan<float> row, Span<float> target, int radius)
    {
        var width = row.Length;
        float sum = 0;
        var count = 0;
        for (var x = 0; x <= Math.Min(radius, width - 1); x++)
        {
            sum += row[x];
            count++;
        }

        for (var x = 0; x < width; x++)
        {
            target[x] = sum / count;
            var add = x + radius + 1;
            var remove = x - radius;
            if (add < width)
            {
                sum += row[add];
                count++;
            }

            if (remove >= 0)
            {
                sum -= row[remove];
                count--;
            }
        }
    }

    /// <summary>
    /// The vertical pass, a row at a time: every column keeps its own running sum, so the lanes of a vector are columns and
    /// each does exactly the scalar column's additions in the same order (the same bits), reading memory in order.
    /// </summary>
    internal static void ShrinkingColumns(ReadOnlySpan<float> source, Span<float> target, int width, int height, int radius)
    {
        var sums = PlanePool<float>.Shared.Rent(width);
        try
        {
            var sum = sums.AsSpan(0, width);
            sum.Clear();
            var count = 0;
            for (var y = 0; y <= Math.Min(radius, height - 1); y++)
            {
                Add(sum, source.Slice(y * width, width));
                count++;
            }

            for (var y = 0; y < height; y++)
            {
                Divide(sum, count, target.Slice(y * width, width));
                var add = y + radius + 1;
                var remove = y - radius;
                if (add < height)
                {
                    Add(sum, source.Slice(add * width, width));
                    count++;
                }

                if (remove >= 0)
                {
                    Subtract(sum, source.Slice(remove * width, width));
                    count--;
                }
            }
        }
        finally
        {
            PlanePool<float>.Shared.Return(sums);
        }
    }

    /// <summary>The vertical pass column by column, as it was first written: the reference the vectorised pass is tested against.</summary>
    internal static void ShrinkingColumnsScalar(ReadOnlySpan<float> source, Span<float> target, int width, int height, int radius)
    {
        for (var x = 0; x < width; x++)
        {
            float sum = 0;
            var count = 0;
            for (var y = 0; y <= Math.Min(radius, height - 1); y++)
            {
                sum += source[y * width + x];
                count++;
            }

            for (var y = 0; y < height; y++)
            {
                target[y * width + x] = sum / count;
                var add = y + radius + 1;
                var remove = y - radius;
                if (add < height)
                {
                    sum += source[add * width + x];
                    count++;
                }

                if (remove >= 0)
                {
                    sum -= source[remove * width + x];
                    count--;
                }
            }
        }
    }

    private static void Add(Span<float> sum, ReadOnlySpan<float> row)
    {
        var x = 0;
        for (; x <= sum.Length - Vector<float>.Count; x += Vector<float>.Count)
        {
            (new Vector<float>(sum[x..]) + new Vector<float>(row[x..])).CopyTo(sum[x..]);
        }

        for (; x < sum.Length; x++)
        {
            sum[x] += row[x];
        }
    }

    private static void Subtract(Span<float> sum, ReadOnlySpan<float> row)
    {
        var x = 0;
        for (; x <= sum.Length - Vector<float>.Count; x += Vector<float>.Count)
        {
            (new Vector<float>(sum[x..]) - new Vector<float>(row[x..])).CopyTo(sum[x..]);
        }

        for (; x < sum.Length; x++)
        {
            sum[x] -= row[x];
        }
    }

    private static void Divide(ReadOnlySpan<float> sum, int count, Span<float> target)
    {
        var x = 0;
        var divisor = new Vector<float>(count);
        for (; x <= sum.Length - Vector<float>.Count; x += Vector<float>.Count)
        {
            (new Vector<float>(sum[x..]) / divisor).CopyTo(target[x..]);
        }

        for (; x < sum.Length; x++)
        {
            target[x] = sum[x] / count;
        }
    }

    // A line of the plane (a row with stride 1, a column with stride width), blurred through a scratch line.
    private static void ClampedLine(Span<float> line, int stride, int length, int radius, float[] scratch)
    {
        double sum = 0;
        for (var i = -radius; i <= radius; i++)
        {
            sum += line[Math.Clamp(i, 0, length - 1) * stride];
        }

        for (var i = 0; i < length; i++)
        {
            scratch[i] = (float)(sum / (2 * radius + 1));
            sum += line[Math.Min(length - 1, i + radius + 1) * stride] - line[Math.Max(0, i - radius) * stride];
        }

        for (var i = 0; i < length; i++)
        {
            line[i * stride] = scratch[i];
        }
    }
}
