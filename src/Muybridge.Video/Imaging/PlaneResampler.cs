namespace Muybridge.Video.Imaging;

/// <summary>Bilinear resampling of a float plane region (model outputs: depth, mattes) to another size, pixel centres aligned.</summary>
public static class PlaneResampler
{
    /// <summary>
    /// Resamples the (<paramref name="x"/>, <paramref name="y"/>, <paramref name="width"/>, <paramref name="height"/>) region of
    /// <paramref name="source"/> (rows of <paramref name="stride"/> values) onto a <paramref name="targetWidth"/>×<paramref name="targetHeight"/> plane.
    /// </summary>
    public static void Bilinear(ReadOnlySpan<float> source, int stride, int x, int y, int width, int height, Span<float> target, int targetWidth, int targetHeight)
    {
        if (width <= 0 || height <= 0 || x < 0 || y < 0 || x + width > stride || (long)(y + height - 1) * stride + x + width > source.Length)
        {
            throw new InvalidOptionException($"The region {width}x{height} at ({x}, {y}) does not lie inside the source plane ({stride} values a row, {source.Length} in all).", nameof(source));
        }

        if (targetWidth <= 0 || targetHeight <= 0 || target.Length < targetWidth * targetHeight)
        {
            throw new InvalidOptionException($"The target holds {target.Length} values, not {targetWidth}x{targetHeight}.", nameof(target));
        }

        var scaleX = (float)width / targetWidth;
        var scaleY = (float)height / targetHeight;
        for (var ty = 0; ty < targetHeight; ty++)
        {
            var fy = Math.Clamp((ty + 0.5f) * scaleY - 0.5f, 0f, height - 1);
            var y0 = (int)fy;
            var y1 = Math.Min(y0 + 1, height - 1);
            var wy = fy - y0;
            var row0 = source.Slice((y + y0) * stride + x, width);
            var row1 = source.Slice((y + y1) * stride + x, width);
            var output = target.Slice(ty * targetWidth, targetWidth);
            for (var tx = 0; tx < targetWidth; tx++)
            {
                var fx = Math.Clamp((tx + 0.5f) * scaleX - 0.5f, 0f, width - 1);
                var x0 = (int)fx;
                var x1 = Math.Min(x0 + 1, width - 1);
                var wx = fx - x0;
                var top = row0[x0] + (row0[x1] - row0[x0]) * wx;
                var bottom = row1[x0] + (row1[x1] - row1[x0]) * wx;
                output[tx] = top + (bottom - top) * wy;
            }
        }
    }
}
