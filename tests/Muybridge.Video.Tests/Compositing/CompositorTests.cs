using Muybridge.Video.Compositing;
using Muybridge.Video.Frames;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Tests;

public sealed class CompositorTests : PooledTest
{
    [Fact]
    public void Compositor_blends_premultiplied_in_linear_light_as_computed_by_hand()
    {
        using var background = Solid(8, 4, 0, 0, 255);
        using var scene = ScrollingBackground.FromFrame(background, pixelsPerSecond: 0);
        using var subject = Solid(8, 4, 255, 128, 0);
        var alpha = subject.EnsureAlpha(0);
        alpha[0] = 255;
        alpha[1] = 128;
        alpha[2] = 0;
        using var output = new Compositor(scene).Composite(subject);

        static byte Expected(byte fg, byte bg, double a)
            => (byte)Math.Round(SrgbLinear.ToSrgbExact(SrgbLinear.ToLinearExact(fg / 255.0) * a + SrgbLinear.ToLinearExact(bg / 255.0) * (1 - a)) * 255);

        var rgb = output.Rgb;
        Assert.Equal(new byte[] { 255, 128, 0 }, rgb[..3].ToArray());
        var half = 128 / 255.0;
        Assert.InRange(rgb[3], Expected(255, 0, half) - 1, Expected(255, 0, half) + 1);
        Assert.InRange(rgb[4], Expected(128, 0, half) - 1, Expected(128, 0, half) + 1);
        Assert.InRange(rgb[5], Expected(0, 255, half) - 1, Expected(0, 255, half) + 1);
        // Linear-light blending: half red over blue is far brighter than the sRGB average of 128.
        Assert.True(rgb[3] > 180);
        Assert.Equal(new byte[] { 0, 0, 255 }, rgb[6..9].ToArray());
    }

    [Theory]
    [InlineData(120, 16 / 12.0)]
    [InlineData(-240, 7.3)]
    public void A_background_nudged_to_the_loop_is_back_where_it_started_when_the_clip_loops(double speed, double seconds)
    {
        using var field = ScrollingBackground.FromFile(SharedData.Background, speed);
        var loop = TimeSpan.FromSeconds(seconds);
        using var looping = field.LoopingOver(loop, 240);
        var tile = field.TileWidth(240);
        var tiles = looping.PixelsPerSecond * loop.TotalSeconds / tile;
        Assert.Equal(Math.Round(tiles), tiles, 6);
        Assert.True(Math.Abs(tiles) >= 1 && Math.Sign(looping.PixelsPerSecond) == Math.Sign(speed));
        // The nearest such speed: at most half a width per loop away, or one width per loop when slower than that.
        Assert.True(Math.Abs(looping.PixelsPerSecond - speed) <= Math.Max(tile / (2 * seconds), Math.Abs(tile / seconds - Math.Abs(speed))) + 1e-3,
            $"{speed} px/s nudged to {looping.PixelsPerSecond}");

        // The view at the loop's end is the view at its start; without the nudge it is not.
        using var subject = Solid(320, 240, 0, 0, 0);
        subject.EnsureAlpha(0);
        byte[] ViewAt(ScrollingBackground scene, TimeSpan time)
        {
            subject.Timestamp = time;
            using var view = new Compositor(scene).Composite(subject);
            return view.Rgb.ToArray();
        }

        var start = ViewAt(looping, TimeSpan.Zero);
        var end = ViewAt(looping, loop);
        Assert.True(start.Zip(end).All(p => Math.Abs(p.First - p.Second) <= 1), "the nudged background jumps at the seam");
        var unnudged = ViewAt(field, loop);
        Assert.True(start.Zip(unnudged).Average(p => Math.Abs(p.First - p.Second)) > 5, "the test background would not have jumped anyway");
        Assert.ThrowsAny<OptionOutOfRangeException>(() => field.LoopingOver(TimeSpan.Zero, 240));
    }

    [Fact]
    public async Task Background_scrolls_by_speed_times_time_and_wraps_seamlessly()
    {
        using var stripes = Blank(10, 1);
        for (var x = 0; x < 10; x++) stripes.Rgb.Slice(x * 3, 3).Fill((byte)(x * 20));
        using var scene = ScrollingBackground.FromFrame(stripes, pixelsPerSecond: 3);
        var compositor = new Compositor(scene);
        using var subject = Solid(10, 1, 0, 0, 0);
        subject.EnsureAlpha(0);
        subject.Timestamp = TimeSpan.FromSeconds(3); // 9 px: column 0 shows source column 9, column 1 wraps to column 0
        using var output = compositor.Composite(subject);
        Assert.Equal(180, output.Rgb[0]);
        Assert.Equal(0, output.Rgb[3]);
        Assert.Equal(20, output.Rgb[6]);
        await Task.CompletedTask;
    }
}
