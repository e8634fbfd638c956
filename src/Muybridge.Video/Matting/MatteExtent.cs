namespace Muybridge.Video.Matting;

/// <summary>Where a matte's subject ends: the feet's row, read by the ground cut, the shadow, depth and the ground speed.</summary>
internal static class MatteExtent
{
    /// <summary>The lowest row the subject covers with more than a stray speck: where its feet are (−1 when nowhere).</summary>
    public static int LowestSubjectRow(ReadOnlySpan<byte> alpha, int width, int height)
    {
        for (var y = height - 1; y >= 0; y--)
        {
            var covered = 0;
            foreach (var a in alpha.Slice(y * width, width))
            {
                covered += a >= 128 ? 1 : 0;
            }

            // A few pixels, not one stray speck, mark the feet.
            if (covered >= Math.Max(2, width / 200))
            {
                return y;
            }
        }

        return -1;
    }
}
