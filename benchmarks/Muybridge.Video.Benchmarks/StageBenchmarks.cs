using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Muybridge.Video.Depth;
using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;
using Muybridge.Video.Matting;
using Muybridge.Video.Restoration;
using Muybridge.Video.Stylization;
using Muybridge.Video.Upscaling;

namespace Muybridge.Video.Benchmarks;

/// <summary>
/// Frames per second of each model-free stage that <see cref="ThroughputBenchmarks"/> does not cover, on the same eight
/// real elephant frames at 640×480 and 1280×720 (frames/s = 8 ÷ the mean). These stages carry state from frame to frame
/// (tracked clicks, colour along the flow, neighbours for dust) or lean on libvips' own threads, so they have no
/// one-thread twin to compare with; the baseline is a pass-through that only clones and disposes the frames.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class StageBenchmarks
{
    private const int Frames = 8;
    private List<Frame> _frames = [];
    private Frame _reference = null!;

    [Params("640x480", "1280x720")]
    public string Size { get; set; } = "640x480";

    [GlobalSetup]
    public void Setup()
    {
        _frames = BenchmarkData.ElephantClip(Frames, Size);

        _reference = FrameFile.Load(Path.Combine(BenchmarkData.Repository, "samples", "references", "field-cc0.jpg"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _frames.ForEach(f => f.Dispose());
        _reference.Dispose();
    }

    [Benchmark(Baseline = true, Description = "pass-through (clone + dispose)")]
    public Task PassThrough() => BenchmarkPipeline.RunAsync(_frames);

    [Benchmark(Description = "matte, model-free, 2 clicks")]
    public Task Matte()
    {
        var (width, height) = (_frames[0].Width, _frames[0].Height);
        return BenchmarkPipeline.RunAsync(_frames, new SeededMatter([new PointPrompt(width / 2, height / 2), new PointPrompt(width * 3 / 5, height * 9 / 20)]));
    }

    [Benchmark(Description = "depth, ground plane")]
    public Task Depth() => BenchmarkPipeline.RunAsync(_frames, new DepthStage(new GroundPlaneDepthEstimator()));

    [Benchmark(Description = "colour from a reference")]
    public Task Colorize() => BenchmarkPipeline.RunAsync(_frames, new ReferenceColorizer(_reference));

    [Benchmark(Description = "upscale ×2, Lanczos")]
    public Task Upscale() => BenchmarkPipeline.RunAsync(_frames, new LanczosUpscaler(2));

    [Benchmark(Description = "restore: register, tone, dust")]
    public Task Restore() => BenchmarkPipeline.RunAsync(_frames, new Registration.BackdropRegistration(), new ToneNormalizer(), new SpeckRepair());
}
