namespace Muybridge.Video.Motion;

internal static class BoxBlur
{
    /// <summary>In-place separable box blur of radius r (window 2r+1, shrunk at the border), running sums so any radius costs the same.</summary>
    public static void Apply(Span<float> plane, Span<float> scratch, int width, int height, int radius)
    {
        for (var y = 0; y < height; y++)
        {
            var row = plane.Slice(y * width, width);
            var target = scratch.Slice(y * width, width);
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

        for (var x = 0; x < width; x++)
        {
            float sum = 0;
            var count = 0;
            for (var y = 0; y <= Math.Min(radius, height - 1); y++)
            {
                sum += scratch[y * width + x];
                count++;
            }

            for (var y = 0; y < height; y++)
            {
                plane[y * width + x] = sum / count;
                var add = y + radius + 1;
                var remove = y - radius;
                if (add < height)
                {
                    sum += scratch[add * width + x];
                    count++;
                }

                if (remove >= 0)
                {
                    sum -= scratch[remove * width + x];
                    count--;
                }
            }
        }
    }
}
