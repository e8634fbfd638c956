namespace Muybridge.Video.Onnx.Tensors;

/// <summary>Interleaved 8-bit pixels to planar float tensors in 0…1 and back, with edge-repeat padding to a larger canvas.</summary>
internal static class TensorLayout
{
    private const float ToUnit = 1f / 255f;

    public static void ToPlanar(ReadOnlySpan<byte> rgb, int width, int height, int paddedWidth, int paddedHeight, Span<float> planar)
    {
        var plane = paddedWidth * paddedHeight;
        for (var y = 0; y < paddedHeight; y++)
        {
            var sy = Math.Min(y, height - 1);
            var row = rgb.Slice(sy * width * 3, width * 3);
            var r = planar.Slice(y * paddedWidth, paddedWidth);
            var g = planar.Slice(plane + y * paddedWidth, paddedWidth);
            var b = planar.Slice(2 * plane + y * paddedWidth, paddedWidth);
            for (var x = 0; x < width; x++)
            {
                r[x] = row[3 * x] * ToUnit;
                g[x] = row[3 * x + 1] * ToUnit;
                b[x] = row[3 * x + 2] * ToUnit;
            }

            r[width..].Fill(r[width - 1]);
            g[width..].Fill(g[width - 1]);
            b[width..].Fill(b[width - 1]);
        }
    }

    public static void FromPlanar(ReadOnlySpan<float> planar, int paddedWidth, int paddedHeight, Span<byte> rgb, int width, int height)
    {
        var plane = paddedWidth * paddedHeight;
        for (var y = 0; y < height; y++)
        {
            var row = rgb.Slice(y * width * 3, width * 3);
            for (var x = 0; x < width; x++)
            {
                var i = y * paddedWidth + x;
                row[3 * x] = ToByte(planar[i]);
                row[3 * x + 1] = ToByte(planar[plane + i]);
                row[3 * x + 2] = ToByte(planar[2 * plane + i]);
            }
        }
    }

    /// <summary>The alpha plane (or opaque when empty) repeated into the three channels.</summary>
    public static void AlphaToPlanar(ReadOnlySpan<byte> alpha, int width, int height, int paddedWidth, int paddedHeight, Span<float> planar)
    {
        var plane = paddedWidth * paddedHeight;
        for (var y = 0; y < paddedHeight; y++)
        {
            var sy = Math.Min(y, height - 1);
            for (var x = 0; x < paddedWidth; x++)
            {
                var sx = Math.Min(x, width - 1);
                var value = alpha.IsEmpty ? 1f : alpha[sy * width + sx] * ToUnit;
                var i = y * paddedWidth + x;
                planar[i] = value;
                planar[plane + i] = value;
                planar[2 * plane + i] = value;
            }
        }
    }

    public static void AlphaFromPlanar(ReadOnlySpan<float> planar, int paddedWidth, int paddedHeight, Span<byte> alpha, int width, int height)
    {
        var plane = paddedWidth * paddedHeight;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = y * paddedWidth + x;
                alpha[y * width + x] = ToByte((planar[i] + planar[plane + i] + planar[2 * plane + i]) / 3);
            }
        }
    }

    private static byte ToByte(float value) => (byte)Math.Clamp(value * 255f + 0.5f, 0f, 255f);
}
