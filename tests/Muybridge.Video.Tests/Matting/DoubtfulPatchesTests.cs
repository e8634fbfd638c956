using Muybridge.Video.Frames;
using Muybridge.Video.Matting;

namespace Muybridge.Video.Tests;

/// <summary>
/// Patches a salient-object model was unsure of: drawn, where the answer is known, and ISNet's real one on the elephant.
/// </summary>
public sealed class DoubtfulPatchesTests : PooledTest
{
    private const int Width = 160, Height = 120;

    // A dark animal (alpha 1) on a pale wall (alpha 0); between its "trunk" and "leg" a 30×30 patch at 0.65 alpha.
    private (Frame Frame, float[] Matte) Scene(byte patchGrey)
    {
        var frame = Solid(Width, Height, 220, 220, 220);
        var matte = new float[Width * Height];
        void Paint(int x0, int x1, int y0, int y1, byte grey, float alpha)
        {
            for (var y = y0; y < y1; y++)
            {
                for (var x = x0; x < x1; x++)
                {
                    frame.Rgb.Slice(3 * (y * Width + x), 3).Fill(grey);
                    matte[y * Width + x] = alpha;
                }
            }
        }

        Paint(40, 140, 20, 60, 60, 1f);     // body
        Paint(40, 52, 60, 110, 60, 1f);     // trunk
        Paint(90, 102, 60, 110, 60, 1f);    // leg
        Paint(56, 86, 70, 100, patchGrey, 0.65f);
        for (var x = 40; x < 140; x++)
        {
            matte[19 * Width + x] = 0.5f;   // the soft rim along the back: a fringe, not a patch
        }

        return (frame, matte);
    }

    [Fact]
    public void A_patch_of_wall_the_model_half_took_is_cut_and_the_animal_and_its_fringe_stay()
    {
        var (frame, matte) = Scene(patchGrey: 215);
        using (frame)
        {
            Assert.Equal(900, DoubtfulPatches.Cut(frame, matte));
            Assert.Equal(0f, matte[85 * Width + 70]);
            Assert.Equal(1f, matte[40 * Width + 90]);
            Assert.Equal(1f, matte[90 * Width + 45]);
            Assert.Equal(0.5f, matte[19 * Width + 90]);
        }
    }

    [Fact]
    public void A_patch_in_the_animals_own_colour_stays()
    {
        var (frame, matte) = Scene(patchGrey: 70);
        using (frame)
        {
            Assert.Equal(0, DoubtfulPatches.Cut(frame, matte));
            Assert.Equal(0.65f, matte[85 * Width + 70]);
        }
    }
}
