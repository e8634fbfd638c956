using Muybridge.Video.Matting;

namespace Muybridge.Video.Tests;

/// <summary>The ground rule on drawn mattes, where the answer is known pixel for pixel.</summary>
public sealed class GroundBandTests
{
    private const int Width = 200, Height = 150;

    // A body (rows 30–70), four legs down to row 125, and the ground below from row 122: a band across 90 % of the width
    // down to the frame's last row, as big as the animal, joined to it only where the hooves stand.
    private static void Fill(float[] soft, int x0, int x1, int y0, int y1)
    {
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                soft[y * Width + x] = 1f;
            }
        }
    }

    private static float[] AnimalOnGround(bool raggedBottom)
    {
        var soft = new float[Width * Height];
        void Fill(int x0, int x1, int y0, int y1) => GroundBandTests.Fill(soft, x0, x1, y0, y1);

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

    [Fact]
    public void A_strip_of_the_bands_edge_beside_the_hooves_goes_with_the_band()
    {
        // The matte took the band's top rows only partly: a strip left of the first leg, too narrow to count as a wide row
        // itself, above the row where the band runs the frame's width. It ends a few pixels short of the leg.
        var soft = AnimalOnGround(false);
        Fill(soft, 26, 51, 116, 122);
        Assert.True(GroundBand.Cut(soft, Width, Height));
        Assert.Equal(0f, soft[118 * Width + 30]);             // the strip
        Assert.Equal(0f, soft[118 * Width + 50]);             // its end by the leg
        Assert.Equal(1f, soft[118 * Width + 57]);             // the leg beside it
        Assert.Equal(1f, soft[123 * Width + 57]);             // the hoof
    }

    [Fact]
    public void A_piece_lying_loose_below_the_hooves_is_cut_without_a_band()
    {
        var soft = AnimalOnGround(false);
        for (var i = 122 * Width; i < soft.Length; i++)
        {
            soft[i] = 0f;
        }

        var animal = soft.ToArray();
        Fill(soft, 90, 110, 130, 136);                         // a patch of board under the belly, apart from the legs
        Assert.True(GroundBand.Cut(soft, Width, Height));
        Assert.Equal(animal, soft);
    }

    [Fact]
    public void A_flat_piece_along_the_feet_goes_with_the_ground_and_a_loose_hoof_stays()
    {
        // The legs end at row 121 and a hoof is 3 rows (2 % of 150). Both pieces start 4 or 5 rows above the feet's row,
        // higher than a hoof: the board's dark edge, 18 by 6 (with the legs and the hoof under a quarter of the width: no band), is ground; a hoof cut loose from its leg, 6 by 6, is not.
        var soft = AnimalOnGround(false);
        for (var i = 122 * Width; i < soft.Length; i++)
        {
            soft[i] = 0f;
        }

        Fill(soft, 160, 166, 116, 122);                        // the loose hoof
        var kept = soft.ToArray();
        Fill(soft, 12, 30, 117, 123);                          // the board's edge
        Assert.True(GroundBand.Cut(soft, Width, Height));
        Assert.Equal(kept, soft);
    }

    [Fact]
    public void A_patch_of_wall_standing_on_the_band_beside_the_animal_goes_and_a_leg_broken_at_the_knee_stays()
    {
        // A patch of wall (20 by 42) beside the animal, joined to it only through the band it stands on, and a hind leg
        // broken at the knee (rows 90-95 missing), whose lower part the band alone joins to the body. Both start far
        // higher than a hoof above the feet; the patch stands outside the animal's columns, the lower leg under its body.
        var soft = AnimalOnGround(false);
        Fill(soft, 160, 180, 80, 122);
        for (var y = 90; y < 95; y++)
        {
            for (var x = 120; x < 126; x++)
            {
                soft[y * Width + x] = 0f;
            }
        }

        Assert.True(GroundBand.Cut(soft, Width, Height));
        Assert.Equal(0f, soft[100 * Width + 170]);            // the patch
        Assert.Equal(0f, soft[121 * Width + 170]);            // its foot in the band's top rows
        Assert.Equal(1f, soft[110 * Width + 123]);            // the lower leg
        Assert.Equal(1f, soft[123 * Width + 123]);            // its hoof
        Assert.Equal(1f, soft[50 * Width + 100]);             // the body
    }

    [Fact]
    public void A_hind_leg_stretched_out_level_is_not_taken_for_ground()
    {
        // At a gallop the hind cannon can lie nearly level: for four rows the matte runs wider than the legs above and a
        // quarter of the frame wide, but below them only hooves follow, not ground that runs on.
        var soft = new float[Width * Height];
        Fill(soft, 50, 150, 30, 70);
        Fill(soft, 120, 126, 70, 125);
        Fill(soft, 140, 146, 70, 125);
        Fill(soft, 60, 66, 70, 100);
        Fill(soft, 10, 66, 100, 104);
        Fill(soft, 10, 16, 104, 125);
        var before = soft.ToArray();
        Assert.False(GroundBand.Cut(soft, Width, Height));
        Assert.Equal(before, soft);
    }

    [Fact]
    public void Ground_crossing_the_picture_is_cut_even_when_the_matte_filled_between_the_legs()
    {
        // A wide animal with the wall between its legs taken in (rows 30-122 cover 160 of 200 columns), on ground that
        // crosses the whole picture: no row of the ground is 1.8 times wider than the rows above it.
        var soft = new float[Width * Height];
        Fill(soft, 20, 180, 30, 122);
        Fill(soft, 0, Width, 122, Height);
        Assert.True(GroundBand.Cut(soft, Width, Height));
        Assert.Equal(0f, soft[140 * Width + 100]);             // the ground
        Assert.Equal(0f, soft[140 * Width + 5]);               // at the picture's side
        Assert.Equal(1f, soft[50 * Width + 100]);              // the animal
        Assert.Equal(1f, soft[121 * Width + 100]);             // down to where the ground starts
    }
}
