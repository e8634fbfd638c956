using Muybridge.Video.Frames;
using Muybridge.Video.Restoration;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

/// <summary>Restoration on the real sequences: repeated photographs, strides, camera-to-camera tone.</summary>
public sealed class RestorationTests : PooledTest
{
    [Fact]
    public async Task The_buffalo_video_collapses_to_its_16_photographs_keeping_the_timing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var video = await VideoFileSource.OpenAsync(SharedData.Muybridge("buffalo-gallop.mp4"), cancellationToken: ct);
        var all = await TestImages.ReadAllAsync(video);
        var count = all.Count;

        // The video plays the set of photographs again and again: one pass ends where the first photograph comes back.
        var first = FrameSignature.Of(all[0]);
        var leave = all.FindIndex(f => FrameSignature.Of(f).DistanceTo(first) > 2);
        var back = all.FindIndex(leave, f => FrameSignature.Of(f).DistanceTo(first) < 2);
        var onePass = all[back].Timestamp - all[0].Timestamp;
        var collapsed = await new DuplicateFrameCollapser().ProcessAsync(all.ToAsyncEnumerable(), ct).ToListAsync(ct);
        try
        {
            Assert.True(count > 100, $"the video has {count} frames");
            Assert.Equal(16, collapsed.Count);
            Assert.Equal(Enumerable.Range(0, 16), collapsed.Select(f => f.Index));
            var kept = collapsed[^1].Timestamp + collapsed[^1].Duration - collapsed[0].Timestamp;
            Assert.Equal(onePass.TotalMilliseconds, kept.TotalMilliseconds, 1);

            // Uneven repeats: the photographs do not all last equally long.
            Assert.True(collapsed.Select(f => f.Duration).Distinct().Count() > 1);
        }
        finally
        {
            collapsed.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task The_buffalo_loop_is_one_stride_and_two_loops_of_it_have_a_stride_of_16()
    {
        await using var gif = OpenAnimation("buffalo-gallop.gif");
        var frames = await TestImages.ReadAllAsync(gif);
        try
        {
            var once = GaitCycle.Detect(frames);
            Assert.Equal(frames.Count, once.Period);
            Assert.True(once.SeamCost < 2);

            var twice = frames.Concat(frames).ToList();
            var cycle = GaitCycle.Detect(twice);
            Assert.Equal(16, cycle.Period);
            Assert.Equal(16, frames.Count);

            Assert.Throws<InvalidFrameInputException>(() => GaitCycle.Detect(frames.Take(1).ToList()));
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task A_clip_that_does_not_come_back_to_its_start_has_no_stride_to_loop()
    {
        // The bowler gallop's twelve frames end 2.5 typical steps away from where they began.
        await using var source = OpenFolder("horse-bowler-gallop");
        var frames = await TestImages.ReadAllAsync(source);
        try
        {
            var error = Assert.Throws<InvalidFrameInputException>(() => GaitCycle.Detect(frames));
            Assert.Contains("No repeating stride", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Theory]
    [InlineData("horse-bowler-gallop-plate.jpg", 2, 6)]
    [InlineData("cat-gallop-plate.jpg", 4, 5)]
    [InlineData("daisy-gallop-plate.jpg", 4, 4)]
    public async Task Tone_normalisation_stops_the_backdrop_pulsing_from_camera_to_camera(string plate, int rows, int columns)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = OpenPlate(plate, rows, columns);
        var frames = await TestImages.ReadAllAsync(source);
        var before = frames.Select(ToneNormalizer.BackdropStats).ToList();
        var after = (await new ToneNormalizer().ProcessAsync(frames.ToAsyncEnumerable(), ct).ToListAsync(ct)).Select(f =>
        {
            using (f)
            {
                return ToneNormalizer.BackdropStats(f);
            }
        }).ToList();
        double Change(List<(double Mean, double Spread)> s, Func<(double Mean, double Spread), double> pick)
            => Enumerable.Range(1, s.Count - 1).Average(i => Math.Abs(pick(s[i]) - pick(s[i - 1])));
        var meanBefore = Change(before, s => s.Mean);
        var meanAfter = Change(after, s => s.Mean);
        var spreadBefore = Change(before, s => s.Spread);
        var spreadAfter = Change(after, s => s.Spread);
        TestContext.Current.TestOutputHelper?.WriteLine($"{plate}: mean change {meanBefore:0.00} -> {meanAfter:0.00}, spread change {spreadBefore:0.00} -> {spreadAfter:0.00} grey levels");
        Assert.True(meanAfter < 0.25 * meanBefore, $"mean change {meanBefore:0.00} -> {meanAfter:0.00}");
        Assert.True(spreadAfter < 0.5 * spreadBefore, $"spread change {spreadBefore:0.00} -> {spreadAfter:0.00}");
    }
}
