using Muybridge.Video.Frames;
using Muybridge.Video.Interpolation;

namespace Muybridge.Video.Tests;

public sealed class InterpolationStageTests : PooledTest
{
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
        await using var source = Synthetic(input);
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
        var frames = new[] { Solid(4, 4, 0, 100, 200, 0), Solid(4, 4, 200, 100, 0, 1) };
        var output = new List<Frame>();
        await foreach (var f in new InterpolationStage(new CrossFadeInterpolator(), 2).ProcessAsync(frames.ToAsyncEnumerable(), TestContext.Current.CancellationToken)) output.Add(f);
        Assert.Equal(3, output.Count);
        Assert.Equal(new byte[] { 100, 100, 100 }, output[1].Rgb[..3].ToArray());
        Assert.Equal(TimeSpan.FromSeconds(1 / 24.0).TotalMilliseconds, output[1].Timestamp.TotalMilliseconds, 3);
        output.ForEach(f => f.Dispose());
    }
}
