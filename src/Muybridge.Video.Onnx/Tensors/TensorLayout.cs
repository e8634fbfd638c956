namespace Muybridge.Video.Onnx.Tensors;

/// <summary>
/// Interleaved 8-bit frames to planar float tensors and back, row by row on <see cref="PlanarKernels"/>, with edge-repeat
/// padding to a larger canvas (models that want sizes in multiples of 32, letterboxing).
/// </summary>
internal static class TensorLayout
{
    private const float ToUnit = 1f / 255f;

    /// <summary>RGB 0…1 into a planar [3, paddedHeight, paddedWidth] tensor.</summary>
    public static void ToPlanar(ReadOnlySpan<byte> rgb, int frameWidth, PixelRect source, int paddedWidth, int paddedHeight, Span<float> planar)
        => ToPlanar(rgb, frameWidth, source, paddedWidth, paddedHeight, planar, ChannelAffine.Unit);

    /// <summary>
    /// Writes the <paramref name="source"/> rectangle of an interleaved RGB frame into a planar [3, paddedHeight, paddedWidth]
    /// tensor through <paramref name="affine"/>, repeating the rectangle's last column and row into the padding.
    /// </summary>
    public static void ToPlanar(ReadOnlySpan<byte> rgb, int frameWidth, PixelRect source, int paddedWidth, int paddedHeight, Span<float> planar, in ChannelAffine affine)
    {
        var plane = paddedWidth * paddedHeight;
        for (var y = 0; y < paddedHeight; y++)
        {
            var c0 = planar.Slice(y * paddedWidth, paddedWidth);
            var c1 = planar.Slice(plane + y * paddedWidth, paddedWidth);
            var c2 = planar.Slice(2 * plane + y * paddedWidth, paddedWidth);
            if (y >= source.Height)
            {
                // Rows below the rectangle repeat the last one already written.
                var last = (source.Height - 1) * paddedWidth;
                planar.Slice(last, paddedWidth).CopyTo(c0);
                planar.Slice(plane + last, paddedWidth).CopyTo(c1);
                planar.Slice(2 * plane + last, paddedWidth).CopyTo(c2);
                continue;
            }

            var row = rgb.Slice(3 * ((source.Y + y) * frameWidth + source.X), 3 * source.Width);
            PlanarKernels.Deinterleave(row, c0[..source.Width], c1[..source.Width], c2[..source.Width], affine);
            c0[source.Width..].Fill(c0[source.Width - 1]);
            c1[source.Width..].Fill(c1[source.Width - 1]);
            c2[source.Width..].Fill(c2[source.Width - 1]);
        }
    }

    /// <summary>RGB 0…1 back to bytes.</summary>
    public static void FromPlanar(ReadOnlySpan<float> planar, int planeWidth, int planeHeight, int fromX, int fromY, Span<byte> rgb, int frameWidth, PixelRect target)
        => FromPlanar(planar, planeWidth, planeHeight, fromX, fromY, rgb, frameWidth, target, ChannelAffine.Unit);

    /// <summary>
    /// Reads a planar [3, planeHeight, planeWidth] tensor from (<paramref name="fromX"/>, <paramref name="fromY"/>) into the
    /// <paramref name="target"/> rectangle of an interleaved RGB frame through the inverse of <paramref name="affine"/>, clamped to 0…255.
    /// </summary>
    public static void FromPlanar(ReadOnlySpan<float> planar, int planeWidth, int planeHeight, int fromX, int fromY, Span<byte> rgb, int frameWidth, PixelRect target, in ChannelAffine affine)
    {
        var plane = planeWidth * planeHeight;
        for (var y = 0; y < target.Height; y++)
        {
            var at = (fromY + y) * planeWidth + fromX;
            PlanarKernels.Interleave(
                planar.Slice(at, target.Width), planar.Slice(plane + at, target.Width), planar.Slice(2 * plane + at, target.Width),
                rgb.Slice(3 * ((target.Y + y) * frameWidth + target.X), 3 * target.Width), affine);
        }
    }

    /// <summary>The alpha plane (or opaque when empty) repeated into the three channels, edge-padded.</summary>
    public static void AlphaToPlanar(ReadOnlySpan<byte> alpha, int width, int height, int paddedWidth, int paddedHeight, Span<float> planar)
    {
        var plane = paddedWidth * paddedHeight;
        var first = planar[..plane];
        if (alpha.IsEmpty)
        {
            first.Fill(1f);
        }
        else
        {
            for (var y = 0; y < paddedHeight; y++)
            {
                var row = first.Slice(y * paddedWidth, paddedWidth);
                PlanarKernels.BytesToPlane(alpha.Slice(Math.Min(y, height - 1) * width, width), row[..width], ToUnit, 0f);
                row[width..].Fill(row[width - 1]);
            }
        }

        first.CopyTo(planar.Slice(plane, plane));
        first.CopyTo(planar.Slice(2 * plane, plane));
    }

    /// <summary>The mean of the three planes back to an alpha plane.</summary>
    public static void AlphaFromPlanar(ReadOnlySpan<float> planar, int paddedWidth, int paddedHeight, Span<byte> alpha, int width, int height)
    {
        var plane = paddedWidth * paddedHeight;
        for (var y = 0; y < height; y++)
        {
            var row = alpha.Slice(y * width, width);
            for (var x = 0; x < width; x++)
            {
                var i = y * paddedWidth + x;
                row[x] = (byte)Math.Clamp((planar[i] + planar[plane + i] + planar[2 * plane + i]) / 3 * 255f + 0.5f, 0f, 255f);
            }
        }
    }
}
