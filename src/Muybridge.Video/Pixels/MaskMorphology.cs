namespace Muybridge.Video.Pixels;

/// <summary>Binary and grey-level morphology on masks and planes: erode/dilate, hole fill, connected regions.</summary>
internal static class MaskMorphology
{
    /// <summary>Binary erosion (shrink) or dilation (grow) by a square of the given radius.</summary>
    public static void Morph(bool[] mask, int width, int height, int radius, bool dilate)
    {
        if (radius <= 0) return;
        var temp = PlanePool<bool>.Shared.Rent(mask.Length);
        try
        {
            MorphInto(mask, temp, width, height, radius, dilate);
        }
        finally
        {
            PlanePool<bool>.Shared.Return(temp);
        }
    }

    /// <summary>Closing: dilation then erosion by the same square, which seals gaps and pinholes narrower than it.</summary>
    public static void Close(bool[] mask, int width, int height, int radius)
    {
        Morph(mask, width, height, radius, dilate: true);
        Morph(mask, width, height, radius, dilate: false);
    }

    /// <summary>Opening: erosion then dilation by the same square, which drops strokes and specks thinner than it.</summary>
    public static void Open(bool[] mask, int width, int height, int radius)
    {
        Morph(mask, width, height, radius, dilate: false);
        Morph(mask, width, height, radius, dilate: true);
    }

    private static void MorphInto(bool[] mask, bool[] temp, int width, int height, int radius, bool dilate)
    {
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var hit = !dilate;
                for (var d = -radius; d <= radius && hit != dilate; d++)
                {
                    var v = mask[y * width + Math.Clamp(x + d, 0, width - 1)];
                    hit = dilate ? v : hit && v;
                }

                temp[y * width + x] = hit;
            }
        }

        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var hit = !dilate;
                for (var d = -radius; d <= radius && hit != dilate; d++)
                {
                    var v = temp[Math.Clamp(y + d, 0, height - 1) * width + x];
                    hit = dilate ? v : hit && v;
                }

                mask[y * width + x] = hit;
            }
        }
    }

    /// <summary>Sets every background pixel that cannot reach the border (a hole inside the subject) to foreground.</summary>
    public static void FillHoles(bool[] mask, int width, int height)
    {
        var n = width * height;
        var outside = PlanePool<bool>.Shared.Rent(n);
        var stack = PlanePool<int>.Shared.Rent(n);
        try
        {
            Array.Clear(outside, 0, n);
            var top = 0;
            for (var x = 0; x < width; x++) { Seed(x); Seed((height - 1) * width + x); }
            for (var y = 0; y < height; y++) { Seed(y * width); Seed(y * width + width - 1); }
            while (top > 0)
            {
                var p = stack[--top];
                var x = p % width;
                var y = p / width;
                if (x > 0) Seed(p - 1);
                if (x < width - 1) Seed(p + 1);
                if (y > 0) Seed(p - width);
                if (y < height - 1) Seed(p + width);
            }

            for (var i = 0; i < n; i++) mask[i] |= !outside[i];

            void Seed(int p)
            {
                if (!mask[p] && !outside[p])
                {
                    outside[p] = true;
                    stack[top++] = p;
                }
            }
        }
        finally
        {
            PlanePool<bool>.Shared.Return(outside);
            PlanePool<int>.Shared.Return(stack);
        }
    }

    /// <summary>Keeps only the connected regions (4-neighbour) of <paramref name="mask"/> that contain one of <paramref name="seeds"/>.</summary>
    public static void KeepRegions(bool[] mask, int width, int height, IEnumerable<int> seeds)
    {
        var n = width * height;
        var keep = PlanePool<bool>.Shared.Rent(n);
        var stack = PlanePool<int>.Shared.Rent(n);
        try
        {
            Array.Clear(keep, 0, n);
            var top = 0;
            foreach (var seed in seeds)
            {
                if (mask[seed] && !keep[seed])
                {
                    keep[seed] = true;
                    stack[top++] = seed;
                }
            }

            while (top > 0)
            {
                var p = stack[--top];
                var x = p % width;
                var y = p / width;
                Visit(x > 0, p - 1);
                Visit(x < width - 1, p + 1);
                Visit(y > 0, p - width);
                Visit(y < height - 1, p + width);
            }

            Array.Copy(keep, mask, n);

            void Visit(bool inside, int q)
            {
                if (inside && mask[q] && !keep[q])
                {
                    keep[q] = true;
                    stack[top++] = q;
                }
            }
        }
        finally
        {
            PlanePool<bool>.Shared.Return(keep);
            PlanePool<int>.Shared.Return(stack);
        }
    }

    /// <summary>Clears the 4-connected regions of <paramref name="mask"/> smaller than <paramref name="minArea"/> pixels.</summary>
    public static void RemoveSmallRegions(bool[] mask, int width, int height, int minArea)
    {
        if (minArea <= 1)
        {
            return;
        }

        var n = width * height;
        var labels = PlanePool<int>.Shared.Rent(n);
        var sizes = new List<int>();
        try
        {
            Regions(mask, width, height, labels, sizes);
            for (var i = 0; i < n; i++)
            {
                if (labels[i] >= 0 && sizes[labels[i]] < minArea)
                {
                    mask[i] = false;
                }
            }
        }
        finally
        {
            PlanePool<int>.Shared.Return(labels);
        }
    }

    /// <summary>
    /// 4-connected regions of <paramref name="mask"/>: writes a label per pixel into <paramref name="labels"/> (−1 outside;
    /// at least width × height long) and each region's size into <paramref name="sizes"/> (cleared first).
    /// </summary>
    public static void Regions(bool[] mask, int width, int height, int[] labels, List<int> sizes)
    {
        var n = width * height;
        Array.Fill(labels, -1, 0, n);
        sizes.Clear();
        var stack = PlanePool<int>.Shared.Rent(n);
        try
        {
            for (var start = 0; start < n; start++)
            {
                if (!mask[start] || labels[start] >= 0)
                {
                    continue;
                }

                var label = sizes.Count;
                var size = 0;
                var top = 0;
                labels[start] = label;
                stack[top++] = start;
                while (top > 0)
                {
                    var p = stack[--top];
                    size++;
                    var x = p % width;
                    if (x > 0) Visit(p - 1);
                    if (x < width - 1) Visit(p + 1);
                    if (p >= width) Visit(p - width);
                    if (p < n - width) Visit(p + width);
                }

                sizes.Add(size);

                void Visit(int q)
                {
                    if (mask[q] && labels[q] < 0)
                    {
                        labels[q] = label;
                        stack[top++] = q;
                    }
                }
            }
        }
        finally
        {
            PlanePool<int>.Shared.Return(stack);
        }
    }

    /// <summary>The label of the largest of the regions <see cref="Regions"/> found (−1 when there are none).</summary>
    public static int Largest(List<int> sizes) => sizes.Count == 0 ? -1 : sizes.IndexOf(sizes.Max());

    /// <summary>Grey-level dilation (max, <paramref name="grow"/>) or erosion (min) of a plane by a square, in place.</summary>
    public static void MinMax(Span<float> plane, Span<float> scratch, int width, int height, int radius, bool grow)
    {
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = grow ? float.MinValue : float.MaxValue;
                for (var d = Math.Max(0, x - radius); d <= Math.Min(width - 1, x + radius); d++)
                {
                    v = grow ? Math.Max(v, plane[y * width + d]) : Math.Min(v, plane[y * width + d]);
                }

                scratch[y * width + x] = v;
            }
        }

        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = grow ? float.MinValue : float.MaxValue;
                for (var d = Math.Max(0, y - radius); d <= Math.Min(height - 1, y + radius); d++)
                {
                    v = grow ? Math.Max(v, scratch[d * width + x]) : Math.Min(v, scratch[d * width + x]);
                }

                plane[y * width + x] = v;
            }
        }
    }
}
