using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;
using Muybridge.Video.Sinks;
using Muybridge.Video.Sources;

namespace Muybridge.Video;

/// <summary>
/// An immutable chain source → stages → sinks. Each builder call returns a new pipeline. Running it streams frames
/// (<see cref="IAsyncEnumerable{T}"/>), with every stage on its own task behind a bounded buffer, so stages overlap and
/// memory stays flat however long the input.
/// </summary>
public sealed class Pipeline
{
    private readonly ImmutableArray<IFrameStage> _stages;

    private Pipeline(IFrameSource source, ImmutableArray<IFrameStage> stages, int bufferFrames)
    {
        Source = source;
        _stages = stages;
        BufferFrames = bufferFrames;
    }

    /// <summary>Where frames come from.</summary>
    public IFrameSource Source { get; }

    /// <summary>The stages in order.</summary>
    public IReadOnlyList<IFrameStage> Stages => _stages;

    /// <summary>How many frames each stage may work ahead of the next.</summary>
    public int BufferFrames { get; }

    /// <summary>Starts a pipeline from a source. The pipeline does not own the source: dispose it yourself.</summary>
    public static Pipeline From(IFrameSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Pipeline(source, [], bufferFrames: 4);
    }

    /// <summary>Appends a stage.</summary>
    public Pipeline Then(IFrameStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return new Pipeline(Source, _stages.Add(stage), BufferFrames);
    }

    /// <summary>
    /// Keeps only what belongs to <paramref name="segment"/>'s frames [Start, End), dropping what its look-ahead context
    /// produced; put it after the stages that need the context and before retiming.
    /// </summary>
    public Pipeline KeepSegment(SegmentSource segment) => Then(new SegmentTrim(segment ?? throw new ArgumentNullException(nameof(segment))));

    /// <summary>Sets how many frames each stage may work ahead (at least 1).</summary>
    public Pipeline WithBuffer(int frames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        return new Pipeline(Source, _stages, frames);
    }

    /// <summary>Expected number of output frames, when every stage can tell.</summary>
    public int? EstimateFrameCount()
    {
        var count = Source.Info.FrameCount;
        foreach (var stage in _stages)
        {
            count = stage.EstimateOutputCount(count);
        }

        return count;
    }

    /// <summary>Streams the output frames; the caller owns (disposes) each one.</summary>
    public async IAsyncEnumerable<Frame> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var stream = BoundedBuffer.Decouple(Source.ReadAsync(cancellationToken), BufferFrames, cancellationToken);
        foreach (var stage in _stages)
        {
            stream = BoundedBuffer.Decouple(stage.ProcessAsync(stream, cancellationToken), BufferFrames, cancellationToken);
        }

        await foreach (var frame in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return frame;
        }
    }

    /// <summary>Runs the pipeline into one or more sinks and completes them; on failure or cancellation no sink output is left behind.</summary>
    public async Task<PipelineResult> WriteAsync(IReadOnlyList<IFrameSink> sinks, IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        if (sinks.Count == 0)
        {
            throw new InvalidOptionException("At least one sink is needed.", nameof(sinks));
        }

        var clock = Stopwatch.StartNew();
        var total = EstimateFrameCount();
        int written = 0, width = 0, height = 0;
        var end = TimeSpan.Zero;
        await foreach (var frame in StreamAsync(cancellationToken).ConfigureAwait(false))
        {
            using (frame)
            {
                foreach (var sink in sinks)
                {
                    await sink.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                }

                written++;
                (width, height, end) = (frame.Width, frame.Height, frame.Timestamp + frame.Duration);
            }

            progress?.Report(new PipelineProgress(written, total, clock.Elapsed));
        }

        if (written == 0)
        {
            throw new InvalidFrameInputException($"The pipeline produced no frames from {Source.Info.Description}.");
        }

        foreach (var sink in sinks)
        {
            await sink.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return new PipelineResult(written, width, height, end, sinks.Select(s => s.OutputPath).ToArray(), clock.Elapsed);
    }

    /// <summary>Runs the pipeline into one sink and completes it.</summary>
    public Task<PipelineResult> WriteAsync(IFrameSink sink, IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default)
        => WriteAsync([sink], progress, cancellationToken);
}
