using Muybridge.Video.Matting;

namespace Muybridge.Video.Tests;

/// <summary>Evening out a scanned page's shade, on drawn working images where the wall's lightness is known.</summary>
public sealed class PageShadingTests
{
    private const int Width = 160, Height = 120, Border = 4;

    /// <summary>A grey page: wall 0.9 times <paramref name="shade"/>(x), and a dark animal (0.2, shaded too) over rows from <paramref name="animalTop"/>.</summary>
    private static float[] Page(Func<int, float> shade, int animalTop, int animalLeft = 50, int animalRight = 110)
    {
        var rgb = new float[3 * Width * Height];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var animal = y >= animalTop && y < 100 && x >= animalLeft && x < animalRight;
                var value = (animal ? 0.2f : 0.9f) * shade(x);
                rgb[3 * (y * Width + x)] = rgb[3 * (y * Width + x) + 1] = rgb[3 * (y * Width + x) + 2] = value;
            }
        }

        return rgb;
    }

    private static float At(float[] rgb, int x, int y) => rgb[3 * (y * Width + x)];

    [Fact]
    public void A_folds_shade_toward_one_side_is_evened_out()
    {
        // The right third darkens to 0.35 of the light at the edge, as the bowler plate's last cell does.
        static float Fold(int x) => x < 100 ? 1f : 1f - 0.65f * (x - 100) / 59f;
        var rgb = Page(Fold, animalTop: 40);
        Assert.True(PageShading.Even(rgb, Width, Height, Border));

        // The wall was 0.9 down to 0.32 at the edge; evened, it reads 0.90 to the fold and 0.82 … 0.72 toward the edge: the
        // wall is read through a window's brightest column, so the evening lags the shade where it deepens. The animal
        // stays dark.
        for (var x = 0; x < Width; x += 10)
        {
            Assert.InRange(At(rgb, x, 20), 0.7f, 0.95f);
            Assert.InRange(At(rgb, x, 110), 0.7f, 0.95f);
        }

        Assert.InRange(At(rgb, 80, 70), 0.15f, 0.25f);
        Assert.InRange(At(rgb, 105, 70), 0.15f, 0.3f);
    }

    [Fact]
    public void A_dark_back_reaching_the_band_with_wall_on_both_sides_is_no_shade()
    {
        // An evenly lit page; the animal's back reaches the top band across 60 of 160 columns.
        var rgb = Page(_ => 1f, animalTop: 5);
        var before = rgb.ToArray();
        Assert.False(PageShading.Even(rgb, Width, Height, Border));
        Assert.Equal(before, rgb);
    }

    [Fact]
    public void A_gentle_unevenness_is_left_to_the_colour_models()
    {
        // The wall 20 % darker at the left edge, as the ostrich plate's wall is: lightening it would change the colours a
        // clip's frames are compared by, for no gain.
        var rgb = Page(x => 0.8f + 0.2f * x / (Width - 1f), animalTop: 40);
        var before = rgb.ToArray();
        Assert.False(PageShading.Even(rgb, Width, Height, Border));
        Assert.Equal(before, rgb);
    }

    [Fact]
    public void A_dark_margin_at_the_pages_edge_is_not_shade()
    {
        // A plate's black cell margin, 4 columns wide, at the left edge of an evenly lit page: narrower than the window the
        // wall is read over.
        var rgb = Page(x => x < 4 ? 0.1f : 1f, animalTop: 40);
        var before = rgb.ToArray();
        Assert.False(PageShading.Even(rgb, Width, Height, Border));
        Assert.Equal(before, rgb);
    }
}
