using Muybridge.Video.Frames;

namespace Muybridge.Video.Benchmarks;

/// <summary>Streams clones of in-memory frames through stages and drops the results, so decoding and encoding stay out of the measurement.</summary>
internal static class BenchmarkPipeline
{
    public static async Task RunAsync(List<Frame> frames, params IFrameStage[] stages)
    {
        var pipeline = Pipeline.From(new ListSource(frames));
        foreach (var stage in stages)
        {
            pipeline = pipeline.Then(stage);
        }

        await foreach (var frame in pipeline.StreamAsync())
        {
            frame.Dispose();
        }

        foreach (var stage in stages)
        {
            (stage as IDisposable)?.Dispose();
        }
    }

    private sealed class ListSource(List<Frame> frames) : Sources.IFrameSource
    {
        public Sources.FrameSourceInfo Info => new(frames[0].Width, frames[0].Height, frames.Count, 12, "benchmark frames");

        public async IAsyncEnumerable<Frame> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var frame in frames)
            {
                yield return frame.Clone();
                await Task.Yield();
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
