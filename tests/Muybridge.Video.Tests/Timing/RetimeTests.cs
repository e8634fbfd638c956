using Muybridge.Video.Timing;

namespace Muybridge.Video.Tests;

public sealed class RetimeTests : PooledTest
{
    [Theory]
    [InlineData(2.0, 1, false, 20, 20, 0.4)]
    [InlineData(0.5, 1, false, 20, 20, 1.6)]
    [InlineData(1.0, 3, false, 20, 60, 2.4)]
    [InlineData(1.0, 2, true, 20, 76, 3.04)]
    public async Task Retime_changes_duration_and_counts(double speed, int loops, bool pingPong, int input, int frames, double seconds)
    {
        await using var source = Synthetic(input);
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
