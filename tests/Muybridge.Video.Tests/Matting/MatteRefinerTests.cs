using Muybridge.Video.Compositing;
using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

/// <summary>The refinement steps on the real horse-in-motion matte composited over mid-grey.</summary>
public sealed class MatteRefinerTests : PooledTest
{
    private async Task<(Frame Composite, float[] Truth)> HorseAsync(int index = 0)
    {
        await using var source = OpenFolder("horse-in-motion");
        var frames = await TestImages.ReadAllAsync(source);
        try
        {
            using var grey = Blank(frames[index].Width, frames[index].Height);
            grey.Rgb.Fill(128);
            using var scene = ScrollingBackground.FromFrame(grey, 0);
            var composite = new Compositor(scene).Composite(frames[index]);
            if (composite.HasAlpha)
            {
                composite.RemoveAlpha();
            }

            return (composite, frames[index].Alpha.ToArray().Select(a => a >= 128 ? 1f : 0f).ToArray());
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    private static double Iou(float[] a, float[] b)
    {
        int both = 0, either = 0;
        for (var i = 0; i < a.Length; i++)
        {
            bool x = a[i] >= 0.5f, y = b[i] >= 0.5f;
            both += x && y ? 1 : 0;
            either += x || y ? 1 : 0;
        }

        return (double)both / either;
    }

    [Fact]
    public async Task Holes_on_the_coat_are_filled_but_the_backdrop_between_the_legs_stays_open()
    {
        var (frame, truth) = await HorseAsync();
        using (frame)
        {
            var width = frame.Width;
            var holed = (float[])truth.Clone();

            // Punch a 14x10 hole in the body (the horse's own pixels are under it) at the thickest point.
            for (var y = 160; y < 170; y++)
            {
                for (var x = 238; x < 252; x++)
                {
                    Assert.Equal(1f, truth[y * width + x]);
                    holed[y * width + x] = 0f;
                }
            }

            new MatteRefiner(MatteRefinementOptions.None with { FillHoles = true }).Refine(frame, holed);
            Assert.Equal(1f, holed[165 * width + 245]);

            // The truth's enclosed background (between the legs) is grey backdrop: it must not be filled.
            var iou = Iou(holed, truth);
            Assert.True(iou > 0.995, $"IoU after hole fill {iou:0.000}");
        }
    }

    [Fact]
    public void A_white_patch_is_filled_over_a_striped_wall_whose_mean_it_is_near_while_a_gap_showing_the_wall_stays_open()
    {
        // A wall of 4-pixel stripes, grey 128 and light 230 (mean 179, spread 51): a white patch of 247 on the dark body
        // is within 1.5 spreads of the wall's mean, so by its mean alone it looked like the wall; it lies above all the
        // wall's light. The gap under the body, closed by a bar at the bottom, shows the stripes themselves.
        const int width = 120, height = 100;
        using var frame = Blank(width, height);
        var matte = new float[width * height];
        void Paint(int x0, int x1, int y0, int y1, byte value, float alpha)
        {
            for (var y = y0; y < y1; y++)
            {
                for (var x = x0; x < x1; x++)
                {
                    frame.Rgb.Slice(3 * (y * width + x), 3).Fill(value);
                    matte[y * width + x] = alpha;
                }
            }
        }

        for (var x = 0; x < width; x += 4)
        {
            Paint(x, x + 4, 0, height, x % 8 == 0 ? (byte)128 : (byte)230, 0f);
        }

        Paint(20, 100, 20, 60, 40, 1f);          // the body
        Paint(40, 80, 30, 50, 247, 0f);          // a white patch the matte left out
        Paint(30, 36, 60, 86, 40, 1f);           // legs
        Paint(84, 90, 60, 86, 40, 1f);
        Paint(30, 90, 86, 90, 40, 1f);           // a bar closing the gap between them
        new MatteRefiner(MatteRefinementOptions.None with { FillHoles = true }).Refine(frame, matte);
        Assert.Equal(1f, matte[40 * width + 60]); // the patch
        Assert.Equal(0f, matte[73 * width + 60]); // the gap
    }

    [Fact]
    public void A_hole_filled_a_frame_ago_stays_filled_while_one_that_was_not_stays_open()
    {
        // A dark body on a flat pale wall with two holes showing exactly the wall's grey: by look both are the wall. The
        // left one was a filled hole on the previous frame (a white coat patch the colours lost this frame); the right one
        // was no filled hole (legs that parted), so it stays open. Only what a fill covered carries a fill on.
        const int width = 120, height = 80;
        using var frame = Blank(width, height);
        frame.Rgb.Fill(200);
        var matte = new float[width * height];
        var heldBefore = new bool[width * height];
        var filled = new bool[width * height];
        for (var y = 10; y < 70; y++)
        {
            for (var x = 10; x < 110; x++)
            {
                var i = y * width + x;
                var patch = y is >= 25 and < 55 && (x is >= 20 and < 50 || x is >= 70 and < 100);
                frame.Rgb.Slice(3 * i, 3).Fill(patch ? (byte)200 : (byte)40);
                matte[i] = patch ? 0f : 1f;
                heldBefore[i] = patch && x < 60 && x % 3 != 0; // most of the left hole, as the flow carried it
            }
        }

        var refiner = new MatteRefiner(MatteRefinementOptions.None with { FillHoles = true });
        var alone = (float[])matte.Clone();
        refiner.Refine(frame, alone);
        Assert.Equal(0f, alone[40 * width + 35]); // both look like the wall, so without the memory both stay open
        Assert.Equal(0f, alone[40 * width + 85]);

        refiner.Refine(frame, matte, heldBefore: heldBefore, filled: filled);
        Assert.Equal(1f, matte[40 * width + 35]);
        Assert.Equal(0f, matte[40 * width + 85]);
        Assert.True(filled[40 * width + 35] && !filled[40 * width + 85] && !filled[5 * width + 5], "the fill's own record");
    }

    [Fact]
    public async Task Specks_are_dropped_and_grow_shrink_feather_change_the_matte_as_asked()
    {
        var (frame, truth) = await HorseAsync(3);
        using (frame)
        {
            var width = frame.Width;
            var specked = (float[])truth.Clone();
            for (var y = 10; y < 13; y++)
            {
                for (var x = 10; x < 13; x++)
                {
                    specked[y * width + x] = 1f;
                }
            }

            new MatteRefiner(MatteRefinementOptions.None with { MinIslandFraction = 0.0005f }).Refine(frame, specked);
            Assert.Equal(0f, specked[11 * width + 11]);
            Assert.True(Iou(specked, truth) > 0.999);

            double Area(float[] a) => a.Sum();
            var grown = (float[])truth.Clone();
            new MatteRefiner(MatteRefinementOptions.None with { Grow = 2 }).Refine(frame, grown);
            var shrunk = (float[])truth.Clone();
            new MatteRefiner(MatteRefinementOptions.None with { Grow = -2 }).Refine(frame, shrunk);
            Assert.True(Area(grown) > Area(truth) * 1.05 && Area(shrunk) < Area(truth) * 0.95, $"{Area(shrunk)} < {Area(truth)} < {Area(grown)}");

            var feathered = (float[])truth.Clone();
            new MatteRefiner(MatteRefinementOptions.None with { Feather = 2 }).Refine(frame, feathered);
            Assert.True(feathered.Count(v => v is > 0.05f and < 0.95f) > truth.Count(v => v is > 0.05f and < 0.95f) + 500);
            Assert.True(Iou(feathered, truth) > 0.97);
        }
    }

    [Fact]
    public async Task Temporal_smoothing_holds_still_parts_and_follows_moving_ones_at_once()
    {
        var (frame, truth) = await HorseAsync();
        using (frame)
        using (var moved = frame.Clone())
        {
            var width = frame.Width;
            var refiner = new MatteRefiner(MatteRefinementOptions.None with { TemporalSmoothing = 0.8f });
            refiner.Refine(frame, (float[])truth.Clone());

            // Next frame: the image changes in a patch on the left (something moved there) and nowhere else; the new matte
            // flips both that patch and a still patch on the right.
            for (var y = 20; y < 40; y++)
            {
                for (var x = 20; x < 40; x++)
                {
                    moved.Rgb.Slice(3 * (y * width + x), 3).Fill(20);
                }
            }

            var next = (float[])truth.Clone();
            for (var y = 20; y < 40; y++)
            {
                for (var x = 20; x < 40; x++)
                {
                    next[y * width + x] = 1f;
                    next[y * width + x + 320] = 1f;
                }
            }

            refiner.Refine(moved, next);
            Assert.True(next[30 * width + 30] > 0.99f, "a moving part must take the new matte without lag");
            Assert.InRange(next[30 * width + 350], 0.15f, 0.25f);
        }
    }
}
