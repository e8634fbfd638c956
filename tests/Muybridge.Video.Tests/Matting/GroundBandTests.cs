using Muybridge.Video.Matting;

namespace Muybridge.Video.Tests;

/// <summary>The ground rule on drawn mattes, where the answer is known pixel for pixel.</summary>
public sealed class GroundBandTests
{
    private const int Width = 200, Height = 150;

    // A body (rows 30–70), four legs down to row 125, and the ground below from row 122: a band across 90 % of the width
    // down to the frame's last row, as big as the animal, joined to it only where the hooves stand.
    private static float[] AnimalOnGround(bool raggedBottom)
    {
        var soft = new float[Width * Height];
        void Fill(int x0, int x1, int y0, int y1)
        {
            for (var y = y0; y < y1; y++)
            {
                for (var x = x0; x < x1; x++)
                {
                    soft[y * Width + x] = 1f;
                }
            }
        }

        Fill(50, 150, 30, 70);
        foreach (var leg in new[] { 55, 75, 120, 140 })
        {
            Fill(leg, leg + 6, 70, 125);
        }

        Fill(10, 190, 122, Height);
        if (raggedBottom)
        {
            // Where the band's dark meets the matte's threshold its lower edge frays: the last rows keep only every
            // third column in runs, under the 60 % of the width a single row was measured by.
            for (var y = Height - 2; y < Height; y++)
            {
                for (var x = 10; x < 190; x++)
                {
                    soft[y * Width + x] = x % 3 == 0 ? 1f : 0f;
                }
            }
        }

        return soft;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Ground_along_the_frames_bottom_edge_is_cut_and_the_hooves_standing_on_it_stay(bool raggedBottom)
    {
        var soft = AnimalOnGround(raggedBottom);
        Assert.True(GroundBand.Cut(soft, Width, Height));
        Assert.Equal(0f, soft[140 * Width + 100]);            // the band between the legs
        Assert.Equal(0f, soft[(Height - 1) * Width + 30]);     // its ragged last row
        Assert.Equal(1f, soft[50 * Width + 100]);             // the body
        Assert.Equal(1f, soft[110 * Width + 57]);             // a leg
        Assert.Equal(1f, soft[123 * Width + 57]);             // a hoof in the band's top rows
        Assert.Equal(0f, soft[135 * Width + 57]);             // ground under the hoof
    }

    [Fact]
    public void An_animal_with_no_ground_under_it_is_left_alone()
    {
        var soft = AnimalOnGround(false);
        for (var i = 122 * Width; i < soft.Length; i++)
        {
            soft[i] = 0f;
        }

        var before = soft.ToArray();
        Assert.False(GroundBand.Cut(soft, Width, Height));
        Assert.Equal(before, soft);
    }
}
