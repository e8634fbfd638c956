using Muybridge.Video.Compositing;
using Muybridge.Video.Frames;
using Muybridge.Video.Interpolation;
using Muybridge.Video.Pixels;
using Muybridge.Video.Timing;

namespace Muybridge.Video.Tests;

public sealed class StageTests
{
    [Fact]
    public void Compositor_blends_premultiplied_in_linear_light_as_computed_by_hand()
    {
        using var background = TestImages.Solid(8, 4, 0, 0, 255);
        using var scene = ScrollingBackground.FromFrame(background, pixelsPerSecond: 0);
        using var subject = TestImages.Solid(8, 4, 255, 128, 0);
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
        using var subject = TestImages.Solid(320, 240, 0, 0, 0);
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
        using var stripes = Frame.Create(10, 1);
        for (var x = 0; x < 10; x++) stripes.Rgb.Slice(x * 3, 3).Fill((byte)(x * 20));
        using var scene = ScrollingBackground.FromFrame(stripes, pixelsPerSecond: 3);
        var compositor = new Compositor(scene);
        using var subject = TestImages.Solid(10, 1, 0, 0, 0);
        subject.EnsureAlpha(0);
        subject.Timestamp = TimeSpan.FromSeconds(3); // 9 px: column 0 shows source column 9, column 1 wraps to column 0
        using var output = compositor.Composite(subject);
        Assert.Equal(180, output.Rgb[0]);
        Assert.Equal(0, output.Rgb[3]);
        Assert.Equal(20, output.Rgb[6]);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("crossfade", 2, false, 16, 31)]
    [InlineData("crossfade", 2, true, 16, 32)]
    [InlineData("crossfade", 4, true, 12, 48)]
    [InlineData("crossfade", 1, false, 12, 12)]
    [InlineData("flow", 2, false, 16, 31)]
    [InlineData("flow", 4, true, 16, 64)]
    [InlineData("flow", 3, false, 5, 13)]
    public async Task Interpolation_makes_the_promised_number_of_frames_in_time_order(string method, int factor, bool loop, int input, int expected)
    {
        await using var source = new SyntheticSource(input);
        IFrameInterpolator interpolator = method == "flow" ? new FlowInterpolator() : new CrossFadeInterpolator();
        var stage = new InterpolationStage(interpolator, factor, loop);
        var count = 0;
        TimeSpan? last = null;
        await foreach (var frame in Pipeline.From(source).Then(stage).StreamAsync(TestContext.Current.CancellationToken))
        {
            using (frame)
            {
                Assert.Equal(count++, frame.Index);
                Assert.True(last is null || frame.Timestamp > last, "timestamps increase");
                last = frame.Timestamp;
            }
        }

        Assert.Equal(expected, count);
        Assert.Equal(expected, stage.EstimateOutputCount(input));
    }

    [Fact]
    public async Task Cross_fade_midpoint_is_the_average_of_its_neighbours()
    {
        var frames = new[] { TestImages.Solid(4, 4, 0, 100, 200, 0), TestImages.Solid(4, 4, 200, 100, 0, 1) };
        var output = new List<Frame>();
        await foreach (var f in new InterpolationStage(new CrossFadeInterpolator(), 2).ProcessAsync(frames.ToAsyncEnumerable(), TestContext.Current.CancellationToken)) output.Add(f);
        Assert.Equal(3, output.Count);
        Assert.Equal(new byte[] { 100, 100, 100 }, output[1].Rgb[..3].ToArray());
        Assert.Equal(TimeSpan.FromSeconds(1 / 24.0).TotalMilliseconds, output[1].Timestamp.TotalMilliseconds, 3);
        output.ForEach(f => f.Dispose());
    }

    [Theory]
    [InlineData(2.0, 1, false, 20, 20, 0.4)]
    [InlineData(0.5, 1, false, 20, 20, 1.6)]
    [InlineData(1.0, 3, false, 20, 60, 2.4)]
    [InlineData(1.0, 2, true, 20, 76, 3.04)]
    public async Task Retime_changes_duration_and_counts(double speed, int loops, bool pingPong, int input, int frames, double seconds)
    {
        await using var source = new SyntheticSource(input);
        var retimer = new Retimer(new RetimeOptions { Speed = speed, Loops = loops, PingPong = pingPong });
        var count = 0;
        var end = TimeSpan.Zero;
        await foreach (var frame in Pipeline.From(source).Then(retimer).StreamAsync(TestContext.Current.CancellationToken))
        {
            using (frame)
            {
                count++;
                end = frame.Timestamp + frame.Duration;
            }
        }

        Assert.Equal(frames, count);
        Assert.Equal(frames, retimer.EstimateOutputCount(input));
        Assert.Equal(seconds, end.TotalSeconds, 3);
    }

    [Fact]
    public void Retime_refuses_a_non_positive_speed()
        => Assert.ThrowsAny<OptionOutOfRangeException>(() => new Retimer(new RetimeOptions { Speed = 0 }));
}
