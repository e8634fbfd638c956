using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using Muybridge.Video.Compositing;
using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;
using Muybridge.Video.Interpolation;

namespace Muybridge.Video.Benchmarks;

/// <summary>
/// Frames per second of the model-free stages on the 24 real elephant frames resized to 640×480 and 1280×720, each on one
/// thread (the baseline of its category) against every core, in the same run: compositing (frame-parallel), flow
/// interpolation (consecutive pairs at once, two flows side by side, warps by rows), and the two in a pipeline.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ThroughputBenchmarks
{
    private const int Frames = 24;
    private List<Frame> _frames = [];
    private ScrollingBackground _scene = null!;

    [Params("640x480", "1280x720")]
    public string Size { get; set; } = "640x480";

    [GlobalSetup]
    public void Setup()
    {
        _frames = BenchmarkData.ElephantClip(Frames, Size);

        _scene = ScrollingBackground.FromFile(Path.Combine(BenchmarkData.Shared, "data", "backgrounds", "spruit-sunrise-360.jpg"), 120);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _frames.ForEach(f => f.Dispose());
        _scene.Dispose();
    }

    [Benchmark(Baseline = true, Description = "composite 24 frames, 1 thread")]
    [BenchmarkCategory("composite")]
    public Task CompositeOneThread() => RunAsync(new Compositor(_scene, new CompositeOptions { DegreeOfParallelism = 1 }));

    [Benchmark(Description = "composite 24 frames, all cores")]
    [BenchmarkCategory("composite")]
    public Task CompositeAllCores() => RunAsync(new Compositor(_scene));

    [Benchmark(Baseline = true, Description = "interpolate ×2 (24 frames), 1 thread")]
    [BenchmarkCategory("interpolate")]
    public Task InterpolateOneThread() => RunAsync(new InterpolationStage(new FlowInterpolator(new FlowInterpolatorOptions { MaxDegreeOfParallelism = 1 }), 2, loop: false));

    [Benchmark(Description = "interpolate ×2 (24 frames), all cores")]
    [BenchmarkCategory("interpolate")]
    public Task InterpolateAllCores() => RunAsync(new InterpolationStage(() => new FlowInterpolator(), 2, loop: false, Environment.ProcessorCount));

    [Benchmark(Baseline = true, Description = "interpolate ×2 + composite, 1 thread per stage")]
    [BenchmarkCategory("pipeline")]
    public Task PipelineOneThread() => RunAsync(
        new InterpolationStage(new FlowInterpolator(new FlowInterpolatorOptions { MaxDegreeOfParallelism = 1 }), 2, loop: false),
        new Compositor(_scene, new CompositeOptions { DegreeOfParallelism = 1 }));

    [Benchmark(Description = "interpolate ×2 + composite, all cores")]
    [BenchmarkCategory("pipeline")]
    public Task PipelineAllCores() => RunAsync(new InterpolationStage(() => new FlowInterpolator(), 2, loop: false, Environment.ProcessorCount), new Compositor(_scene));

    private Task RunAsync(params IFrameStage[] stages) => BenchmarkPipeline.RunAsync(_frames, stages);
}
