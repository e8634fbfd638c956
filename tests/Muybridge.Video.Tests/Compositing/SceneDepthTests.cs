using Muybridge.Video.Compositing;
using Muybridge.Video.Frames;
using Muybridge.Video.Pixels;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

/// <summary>Parallax, layers and the contact shadow, on the real panorama and the real horse-in-motion cut-outs.</summary>
public sealed class SceneDepthTests : PooledTest
{
    private const int Width = 320, Height = 160;

    [Fact]
    public void Parallax_moves_the_sky_and_trees_slower_than_the_ground()
    {
        using var field = ScrollingBackground.FromFile(SharedData.Background, 200);
        using var parallax = field.WithParallax(horizon: 0.5, farSpeedRatio: 0.25, softness: 0.04);
        using var farOnly = field.With(200 * 0.25, 0);
        Assert.Equal([50, 200], parallax.LayerSpeeds);

        var time = TimeSpan.FromSeconds(0.7);
        var withParallax = View(parallax, time);
        var ground = View(field, time);
        var far = View(farOnly, time);
        // Rows clear of the soft band (4 % of the height either side of the middle) show exactly one of the two speeds.
        for (var y = 0; y < Height; y++)
        {
            var expected = y < Height * 0.46 ? far : y >= Height * 0.54 ? ground : null;
            if (expected is null) continue;
            var row = withParallax.AsSpan(y * Width * 3, Width * 3);
            Assert.True(row.SequenceEqual(expected.AsSpan(y * Width * 3, Width * 3)), $"row {y}");
        }

        // ... and the two really differ there, so the test would catch a background that ignores parallax.
        Assert.True(MeanDifference(withParallax, ground, 0, Height * 2 / 5) > 10);
        Assert.True(MeanDifference(withParallax, far, Height * 3 / 5, Height) > 10);
    }

    [Fact]
    public void A_layer_with_alpha_is_drawn_over_the_background_at_its_own_speed()
    {
        using var field = ScrollingBackground.FromFile(SharedData.Background, 100);
        // A fence: opaque dark posts 4 px wide every 40 px, transparent between them.
        using var fence = Blank(400, Height);
        var alpha = fence.EnsureAlpha(0);
        for (var y = 0; y < Height; y++)
        for (var x = 0; x < 400; x++)
        {
            if (x % 40 < 4)
            {
                alpha[y * 400 + x] = 255;
                fence.Rgb.Slice((y * 400 + x) * 3, 3).Fill(30);
            }
        }

        using var scene = field.WithLayer(fence, speedRatio: 2);
        Assert.Equal([100, 200], scene.LayerSpeeds);
        var time = TimeSpan.FromSeconds(0.5); // the fence has moved 100 px: a post starts where x + 100 is a multiple of 40
        var view = View(scene, time);
        var plain = View(field, time);
        for (var x = 0; x < Width; x++)
        {
            var source = (x + 100) % 40;
            var y = Height / 2;
            var i = (y * Width + x) * 3;
            if (source is >= 1 and <= 2)
            {
                Assert.Equal(30, view[i]);
            }
            else if (source is >= 5 and <= 38)
            {
                Assert.Equal(plain[i], view[i]);
            }
        }
    }

    [Fact]
    public void Every_layer_is_back_where_it_started_when_a_looping_clip_restarts()
    {
        using var field = ScrollingBackground.FromFile(SharedData.Background, 150);
        using var parallax = field.WithParallax(0.5, 0.3);
        var loop = TimeSpan.FromSeconds(4);
        using var looping = parallax.LoopingOver(loop, Height);
        var tile = field.TileWidth(Height);
        foreach (var speed in looping.LayerSpeeds)
        {
            var tiles = speed * loop.TotalSeconds / tile;
            Assert.Equal(Math.Round(tiles), tiles, 6);
        }

        Assert.Equal(looping.PixelsPerSecond, looping.LayerSpeeds[^1]);
        var start = View(looping, TimeSpan.Zero);
        var end = View(looping, loop);
        Assert.True(start.Zip(end).All(p => Math.Abs(p.First - p.Second) <= 1), "a layer jumps at the seam");
        var unnudged = View(parallax, loop);
        Assert.True(MeanDifference(start, unnudged, 0, Height) > 5, "the test background would not have jumped anyway");
    }

    [Fact]
    public async Task The_contact_shadow_darkens_the_ground_under_the_horse_and_nothing_else()
    {
        await using var source = OpenFolder("horse-in-motion");
        await foreach (var horse in source.ReadAsync(TestContext.Current.CancellationToken))
        {
            using (horse)
            {
                using var grass = Solid(16, 16, 120, 150, 80);
                using var scene = ScrollingBackground.FromFrame(grass, 0);
                var placement = new CompositeOptions { Width = 480, Height = 360, SubjectScale = 0.75, Baseline = 0.9 };
                var shadow = new ContactShadow { Opacity = 0.6 };
                using var plain = new Compositor(scene, placement).Composite(horse);
                using var shaded = new Compositor(scene, placement with { Shadow = shadow }).Composite(horse);

                // Where the lowest hoof lands on the canvas: the horse frame (300 high) is drawn 270 high from y = 54.
                var lowest = LowestOpaqueRow(horse);
                var ground = 54 + (int)Math.Round((lowest + 1) * 270.0 / horse.Height) - 1;
                int darker = 0, changedAboveBand = 0;
                double darkest = 1;
                for (var y = 0; y < 360; y++)
                for (var x = 0; x < 480; x++)
                {
                    var i = (y * 480 + x) * 3;
                    var ratio = SrgbLinear.ToLinearExact(shaded.Rgb[i + 1] / 255.0) / SrgbLinear.ToLinearExact(plain.Rgb[i + 1] / 255.0);
                    if (plain.Rgb[i + 1] != 150 && shaded.Rgb[i + 1] == plain.Rgb[i + 1]) continue; // the horse itself
                    if (shaded.Rgb[i + 1] < plain.Rgb[i + 1] - 2)
                    {
                        darker++;
                        darkest = Math.Min(darkest, ratio);
                        if (y < ground - 0.2 * 270 - 8) changedAboveBand++;
                    }
                }

                // A band of shadow on the ground, never darker than the opacity allows, nothing high on the wall.
                Assert.True(darker > 1500, $"frame {horse.Index}: only {darker} pixels darker");
                Assert.InRange(darkest, 1 - shadow.Opacity - 0.02, 0.8);
                Assert.Equal(0, changedAboveBand);
                // Beside and above the horse the canvas is exactly the plain composite.
                Assert.True(shaded.Rgb[..(480 * 3 * 100)].SequenceEqual(plain.Rgb[..(480 * 3 * 100)]));
            }
        }
    }

    [Fact]
    public void A_fixed_ground_line_keeps_the_shadow_on_the_ground_when_the_horse_leaps()
    {
        using var horse = Solid(100, 100, 40, 40, 40);
        var alpha = horse.EnsureAlpha(0);
        // A body hanging in the air: rows 40–60 opaque, nothing below.
        for (var y = 40; y < 60; y++) alpha.Slice(y * 100 + 30, 40).Fill(255);
        using var grass = Solid(16, 16, 200, 200, 200);
        using var scene = ScrollingBackground.FromFrame(grass, 0);
        // The lowest row the shadow darkens outside the body.
        int ShadowBottom(ContactShadow shadow)
        {
            using var view = new Compositor(scene, new CompositeOptions { Shadow = shadow with { Softness = 0 } }).Composite(horse);
            for (var y = 99; y >= 0; y--)
                for (var x = 0; x < 100; x++)
                    if (horse.Alpha[y * 100 + x] == 0 && view.Rgb[(y * 100 + x) * 3] < 190) return y;
            return -1;
        }

        // On its own lowest row when it has nothing else to stand on; on the given ground, well below it, when told where
        // that is: the body 35…54 px up casts its shadow 7…11 px (squash 0.2) behind the ground line at row 94.
        Assert.Equal(59, ShadowBottom(new ContactShadow()));
        Assert.Equal(87, ShadowBottom(new ContactShadow { GroundLine = 0.95 }));
    }

    [Fact]
    public void Scene_settings_out_of_range_are_refused()
    {
        using var field = ScrollingBackground.FromFile(SharedData.Background, 100);
        Assert.ThrowsAny<OptionOutOfRangeException>(() => field.WithParallax(0, 0.5));
        Assert.ThrowsAny<OptionOutOfRangeException>(() => field.WithParallax(0.5, 1.5));
        using var tiny = Blank(4, 4);
        Assert.ThrowsAny<OptionOutOfRangeException>(() => field.WithLayer(tiny, -1));
        using var layered = field.WithLayer(tiny, 1);
        Assert.Throws<InvalidOperationException>(() => layered.WithParallax(0.5, 0.5));
        Assert.Throws<InvalidFrameInputException>(() => field.WithLayer("/nonexistent/trees.png", 1));
        Assert.ThrowsAny<OptionOutOfRangeException>(() => new Compositor(field, new CompositeOptions { Shadow = new ContactShadow { Opacity = 2 } }));
        Assert.ThrowsAny<OptionOutOfRangeException>(() => new Compositor(field, new CompositeOptions { Shadow = new ContactShadow { GroundLine = 0 } }));
        Assert.ThrowsAny<OptionOutOfRangeException>(() => new Compositor(field, new CompositeOptions { Shadow = new ContactShadow { Squash = 0 } }));
    }

    private byte[] View(ScrollingBackground scene, TimeSpan time)
    {
        using var empty = Solid(Width, Height, 0, 0, 0);
        empty.EnsureAlpha(0);
        empty.Timestamp = time;
        using var view = new Compositor(scene).Composite(empty);
        return view.Rgb.ToArray();
    }

    private static double MeanDifference(byte[] a, byte[] b, int fromRow, int toRow)
    {
        double sum = 0;
        var start = fromRow * Width * 3;
        var end = toRow * Width * 3;
        for (var i = start; i < end; i++) sum += Math.Abs(a[i] - b[i]);
        return sum / (end - start);
    }

    private static int LowestOpaqueRow(Frame frame)
    {
        for (var y = frame.Height - 1; y >= 0; y--)
            for (var x = 0; x < frame.Width; x++)
                if (frame.Alpha[y * frame.Width + x] >= 128) return y;
        return -1;
    }
}
