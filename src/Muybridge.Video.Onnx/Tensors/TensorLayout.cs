namespace Muybridge.Video.Onnx.Tensors;

/// <summary>Interleaved 8-bit pixels to planar float tensors in 0…1 and back, with edge-repeat padding to a larger canvas.</summary>
internal static class TensorLayout
{
    private const float ToUnit = 1f / 255f;

    /// <summary>
    /// Writes the <paramref name="source"/> rectangle of an interleaved RGB frame into a planar [3, paddedHeight, paddedWidth]
    /// tensor, repeating the rectangle's last column and row into the padding.
    /// </summary>
    public static void ToPlanar(ReadOnlySpan<byte> rgb, int frameWidth, PixelRect source, int paddedWidth, int paddedHeight, Span<float> planar)
    {
        var plane = paddedWidth * paddedHeight;
        for (var y = 0; y < paddedHeight; y++)
        {
            var sy = source.Y + Math.Min(y, source.Height - 1);
            var row = rgb.Slice(3 * (sy * frameWidth + source.X), 3 * source.Width);
            var r = planar.Slice(y * paddedWidth, paddedWidth);
            var g = planar.Slice(plane + y * paddedWidth, paddedWidth);
            var b = planar.Slice(2 * plane + y * paddedWidth, paddedWidth);
            for (var x = 0; x < source.Width; x++)
            {
                r[x] = row[3 * x] * ToUnit;
                g[x] = row[3 * x + 1] * ToUnit;
                b[x] = row[3 * x + 2] * ToUnit;
            }

            r[source.Width..].Fill(r[source.Width - 1]);
            g[source.Width..].Fill(g[source.Width - 1]);
            b[source.Width..].Fill(b[source.Width - 1]);
        }
    }

    /// <summary>
    /// Reads a planar [3, planeHeight, planeWidth] tensor from (<paramref name="fromX"/>, <paramref name="fromY"/>) into the
    /// <paramref name="target"/> rectangle of an interleaved RGB frame, clamped to 0…255.
    /// </summary>
    public static void FromPlanar(ReadOnlySpan<float> planar, int planeWidth, int planeHeight, int fromX, int fromY, Span<byte> rgb, int frameWidth, PixelRect target)
    {
        var plane = planeWidth * planeHeight;
        for (var y = 0; y < target.Height; y++)
        {
            var row = rgb.Slice(3 * ((target.Y + y) * frameWidth + target.X), 3 * target.Width);
            var at = (fromY + y) * planeWidth + fromX;
            for (var x = 0; x < target.Width; x++)
            {
                var i = at + x;
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
