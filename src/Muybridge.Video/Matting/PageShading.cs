using Muybridge.Video.Numerics;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Matting;

/// <summary>
/// Evens out a scanned page's shading across the picture: a book's fold or a print's dark edge darkens the backdrop over a
/// band of columns from top to bottom, and there the wall turns as dark as the animal. The wall's own lightness per column
/// is read just under the top border (the matter holds that band as backdrop) as the lightest column near it, which a
/// rider's hat, a post or a cell's margin does not darken, and the columns it finds darker are lightened to match.
/// </summary>
/// <remarks>
/// For grey and sepia plates only: in a colour photograph a dark band along the top is trees or a roof, not shade. A
/// gentle unevenness (the wall up to 30 % darker at one side) is left to the colour models.
/// </remarks>
internal static class PageShading
{
    /// <summary>Columns lighten by at most this factor (a shadow of two thirds).</summary>
    private const float MostLightening = 3f;

    /// <summary>
    /// Below this strongest lightening the page counts as evenly lit and is left alone; the evening grows to its full
    /// strength by <see cref="Shaded"/>, so that frames of one clip near the line are not treated in two ways.
    /// </summary>
    private const float Uneven = 1.4f;

    /// <summary>From this strongest lightening on, the shade is evened out in full.</summary>
    private const float Shaded = 1.7f;

    /// <summary>
    /// Lightens the shaded columns of a working image (RGB in 0…1, <paramref name="width"/> × <paramref name="height"/>) in
    /// place, reading the wall in the rows from <paramref name="border"/> to three times that; returns whether it did.
    /// </summary>
    public static bool Even(Span<float> rgb, int width, int height, int border)
    {
        var top = Math.Min(height - 1, border);
        var bottom = Math.Min(height, 3 * border);
        if (bottom - top < 2 || width < 8)
        {
            return false;
        }

        var buffer = PlanePool<float>.Shared.Rent(5 * width + (bottom - top));
        try
        {
            var all = buffer.AsSpan();
            Span<float> column = all[..width], wall = all.Slice(width, width), fromLeft = all.Slice(2 * width, width);
            Span<float> fromRight = all.Slice(3 * width, width), sorted = all.Slice(4 * width, width), values = all.Slice(5 * width, bottom - top);

            // Per column, the middle lightness of the band; then the lightest of those within a sixteenth of the width.
            for (var x = 0; x < width; x++)
            {
                for (var y = top; y < bottom; y++)
                {
                    var i = 3 * (y * width + x);
                    values[y - top] = Luma.Of(rgb[i], rgb[i + 1], rgb[i + 2]);
                }

                values.Sort();
                column[x] = values[values.Length / 2];
            }

            var reach = Math.Max(1, width / 16);
            SlidingWindow.Max(column, wall, reach);

            // Shade deepens toward a side of the page: a column is only as dark as the wall gets from it out to one side. A
            // dark mass with lit wall on both sides of it (an animal whose back reaches the band) is no shade.
            for (var x = 0; x < width; x++)
            {
                fromLeft[x] = Math.Max(wall[x], x > 0 ? fromLeft[x - 1] : 0f);
                fromRight[width - 1 - x] = Math.Max(wall[width - 1 - x], x > 0 ? fromRight[width - x] : 0f);
            }

            for (var x = 0; x < width; x++)
            {
                wall[x] = Math.Min(fromLeft[x], fromRight[x]);
            }

            BoxBlur.ClampedEdges(wall, width, 1, reach);
            wall.CopyTo(sorted);
            sorted.Sort();
            var lit = sorted[(int)(0.9 * (width - 1))];
            var factors = column;
            var strongest = 1f;
            for (var x = 0; x < width; x++)
            {
                factors[x] = Math.Clamp(lit / Math.Max(wall[x], 1e-3f), 1f, MostLightening);
                strongest = Math.Max(strongest, factors[x]);
            }

            if (strongest <= Uneven)
            {
                return false;
            }

            Lighten(rgb, width, height, factors, Math.Min(1f, (strongest - Uneven) / (Shaded - Uneven)));
            return true;
        }
        finally
        {
            PlanePool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>Lightens every column by its factor raised to <paramref name="strength"/> (0…1).</summary>
    private static void Lighten(Span<float> rgb, int width, int height, Span<float> factors, float strength)
    {
        for (var x = 0; x < width; x++)
        {
            factors[x] = MathF.Pow(factors[x], strength);
        }

        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = 3 * (y * width + x);
                for (var c = 0; c < 3; c++)
                {
                    rgb[i + c] = Math.Min(1f, rgb[i + c] * factors[x]);
                }
            }
        }
    }
}
