using Muybridge.Video.Compositing;
using Muybridge.Video.Frames;
using Muybridge.Video.Interpolation;
using Muybridge.Video.Matting;
using Muybridge.Video.Timing;

namespace Muybridge.Video.Tests;

[Collection(nameof(ProcessEnvironment))]
public sealed class StreamingTests
{
    [Fact]
    public async Task Two_thousand_frames_stream_through_the_pipeline_in_flat_memory()
    {
        var pool = new FramePool();
        await using var source = new SyntheticSource(2000, 320, 240, pool);
        using var background = TestImages.Solid(640, 240, 30, 90, 30);
        using var scene = ScrollingBackground.FromFrame(background, 100);
        var pipeline = Pipeline.From(source)
            .Interpolate(2)
            .Matte([new PointPrompt(10, 10)], new SeededMatterOptions { WorkingSize = 64 })
            .Composite(scene)
            .Retime(speed: 2);
        long memoryAt1000 = 0, memoryAtEnd = 0;
        var count = 0;
        await foreach (var frame in pipeline.StreamAsync(TestContext.Current.CancellationToken))
        {
            frame.Dispose();
            count++;
            if (count == 1000) memoryAt1000 = GC.GetTotalMemory(forceFullCollection: true);
        }

        memoryAtEnd = GC.GetTotalMemory(forceFullCollection: true);
        Assert.Equal(3999, count);
        // Each of the 5 boundaries buffers at most 4 frames plus what a stage holds: bounded, not proportional to 2,000.
        Assert.InRange(pool.PeakOutstanding, 1, 60);
        Assert.Equal(0, pool.Outstanding);
        // A leak of one 320x240 frame per input would add ~230 MB over the last 1,000 frames; pool caches stay within a few MB.
        Assert.True(memoryAtEnd < memoryAt1000 + 16_000_000, $"managed memory grew from {memoryAt1000:N0} to {memoryAtEnd:N0} bytes");
    }

    [Fact]
    public async Task Cancellation_mid_run_stops_the_pipeline_and_returns_every_buffer()
    {
        var pool = new FramePool();
        await using var source = new SyntheticSource(100_000, 64, 48, pool);
        using var cancel = new CancellationTokenSource();
        var count = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var frame in Pipeline.From(source).Interpolate(2).StreamAsync(cancel.Token))
            {
                frame.Dispose();
                if (++count == 50) await cancel.CancelAsync();
            }
        });

        Assert.True(source.Produced < 1000, $"source kept producing after cancellation ({source.Produced} frames)");
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task A_failing_stage_surfaces_its_exception_and_returns_every_buffer()
    {
        var pool = new FramePool();
        await using var source = new SyntheticSource(100, 64, 48, pool);
        var pipeline = Pipeline.From(source).Matte([new PointPrompt(500, 10)]);
        var e = await Assert.ThrowsAnyAsync<OptionOutOfRangeException>(async () =>
        {
            await foreach (var frame in pipeline.StreamAsync(TestContext.Current.CancellationToken)) frame.Dispose();
        });
        Assert.Contains("outside the 64x48 frame", e.Message, StringComparison.Ordinal);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(0, pool.Outstanding);
    }
}
