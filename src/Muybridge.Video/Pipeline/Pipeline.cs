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

    /// <summary>Enlarges frames 2× or 4× with Lanczos (the model-free default; Real-ESRGAN lives in Muybridge.Video.Onnx).</summary>
    public Pipeline Upscale(int scale = 2) => Then(new Upscaling.LanczosUpscaler(scale));

    /// <summary>Fills each frame's depth plane (nearness 0…1) with <paramref name="estimator"/>, or the model-free ground-plane estimate.</summary>
    public Pipeline EstimateDepth(Depth.IDepthEstimator? estimator = null) => Then(new Depth.DepthStage(estimator ?? new Depth.GroundPlaneDepthEstimator()));

    /// <summary>Aligns every frame's backdrop to the first one's (plates, cameras along a track), before interpolating.</summary>
    public Pipeline Register(Registration.RegistrationOptions? options = null) => Then(new Registration.BackdropRegistration(options));

    /// <summary>Adds slow motion with the model-free <see cref="Interpolation.FlowInterpolator"/>, consecutive pairs in parallel.</summary>
    public Pipeline Interpolate(int factor = 2, bool loop = false)
        => Then(new Interpolation.InterpolationStage(() => new Interpolation.FlowInterpolator(), factor, loop, Math.Clamp(Environment.ProcessorCount, 1, 4)));

    /// <summary>Adds slow motion with the given interpolator (cross-fade, flow, or an ONNX model such as RIFE).</summary>
    public Pipeline Interpolate(Interpolation.IFrameInterpolator interpolator, int factor = 2, bool loop = false) => Then(new Interpolation.InterpolationStage(interpolator, factor, loop));

    /// <summary>Mattes the subject the points select, with the model-free matter.</summary>
    public Pipeline Matte(IEnumerable<Matting.PointPrompt> points, Matting.SeededMatterOptions? options = null) => Then(new Matting.SeededMatter(points, options));

    /// <summary>Composites over a scrolling background.</summary>
    public Pipeline Composite(Compositing.ScrollingBackground background, Compositing.CompositeOptions? options = null) => Then(new Compositing.Compositor(background, options));

    /// <summary>Changes speed, loops, ping-pong.</summary>
    public Pipeline Retime(double speed = 1, int loops = 1, bool pingPong = false) => Then(new Timing.Retimer(new Timing.RetimeOptions { Speed = speed, Loops = loops, PingPong = pingPong }));

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
