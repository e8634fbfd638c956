using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Onnx.Matting;
using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Onnx.Stylization;
using Muybridge.Video.Onnx.Upscaling;
using Muybridge.Video.Stylization;

namespace Muybridge.Video.Benchmarks;

/// <summary>
/// The ONNX stages on the real models with the CUDA provider against the CPU provider (the baseline) in the same process
/// on the same machine, one category per stage, on real elephant frames at 640×480 (frames/s = frames ÷ the mean). Each
/// stage and its session are built once in the setup, so a session's start (seconds for CUDA) stays out of the figures.
/// Needs the CUDA build of the native library (<c>-p:OnnxRuntimeNative=Gpu</c>) and a GPU; elsewhere the CUDA rows fail
/// with the reason and the CPU rows still run. In-process, because the GPU machines have a runtime but no SDK
/// to build the usual benchmark host with.
/// </summary>
[Config(typeof(InProcessConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[MemoryDiagnoser]
public class ProviderBenchmarks
{
    private const string Size = "640x480";
    private List<Frame> _frames = [];
    private readonly Dictionary<ExecutionProvider, SalientObjectMatter> _matters = [];
    private readonly Dictionary<ExecutionProvider, FastStyleStylizer> _stylizers = [];
    private readonly Dictionary<ExecutionProvider, RealEsrganUpscaler> _upscalers = [];
    private readonly Dictionary<ExecutionProvider, string> _missing = [];
    private float[] _matte = [];

    /// <summary>Frames per matte and style invocation; the ×4 upscale takes the first frame only (seconds on a CPU).</summary>
    public const int Frames = 4;

    [GlobalSetup]
    public void Setup()
    {
        _frames = BenchmarkData.ElephantClip(Frames, Size);
        var (width, height) = BenchmarkData.ParseSize(Size);
        _matte = new float[width * height];
        PointPrompt[] clicks = [new(width / 2, height / 2), new(width * 3 / 5, height * 9 / 20)];
        var isnet = BenchmarkData.CachedModel("isnet-medium.onnx");
        var candy = Path.Combine(BenchmarkData.Shared, "models", "style", "fns_candy.onnx");
        var esrgan = Path.Combine(BenchmarkData.Shared, "models", "sr", "realesr-animevideov3.onnx");
        foreach (var provider in new[] { ExecutionProvider.Cpu, ExecutionProvider.Cuda })
        {
            var session = new OnnxSessionOptions { Providers = [provider], FallbackToCpu = false };
            try
            {
                _matters[provider] = new SalientObjectMatter(isnet, clicks, new SalientMatterOptions { Session = session });
                _stylizers[provider] = new FastStyleStylizer(candy, new FastStyleOptions { Style = new StyleOptions { FrameConsistency = 0 }, Session = session });
                _upscalers[provider] = new RealEsrganUpscaler(esrgan, new RealEsrganOptions { Session = session });
            }
            catch (ProviderUnavailableException e) when (provider != ExecutionProvider.Cpu)
            {
                // The CPU rows still run; each CUDA row fails with this reason.
                _missing[provider] = e.Message;
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var stage in _matters.Values.Cast<IDisposable>().Concat(_stylizers.Values).Concat(_upscalers.Values))
        {
            stage.Dispose();
        }

        _frames.ForEach(f => f.Dispose());
    }

    [BenchmarkCategory("matte, isnet-medium"), Benchmark(Baseline = true, Description = "CPU")]
    public Task MatteCpu() => Matte(ExecutionProvider.Cpu);

    [BenchmarkCategory("matte, isnet-medium"), Benchmark(Description = "CUDA")]
    public Task MatteCuda() => Matte(ExecutionProvider.Cuda);

    /// <summary>The network's share of the matte: resize in, run, resize out; no click selection, backdrop check or refinement.</summary>
    [BenchmarkCategory("isnet-medium alone (Predict)"), Benchmark(Baseline = true, Description = "CPU")]
    public void PredictCpu() => Predict(ExecutionProvider.Cpu);

    [BenchmarkCategory("isnet-medium alone (Predict)"), Benchmark(Description = "CUDA")]
    public void PredictCuda() => Predict(ExecutionProvider.Cuda);

    [BenchmarkCategory("stylize, fns-candy"), Benchmark(Baseline = true, Description = "CPU")]
    public void StylizeCpu() => Stylize(ExecutionProvider.Cpu);

    [BenchmarkCategory("stylize, fns-candy"), Benchmark(Description = "CUDA")]
    public void StylizeCuda() => Stylize(ExecutionProvider.Cuda);

    [BenchmarkCategory("upscale ×4, realesr-animevideov3, 1 frame"), Benchmark(Baseline = true, Description = "CPU")]
    public void UpscaleCpu() => Ready(_upscalers, ExecutionProvider.Cpu).Upscale(_frames[0], CancellationToken.None).Dispose();

    [BenchmarkCategory("upscale ×4, realesr-animevideov3, 1 frame"), Benchmark(Description = "CUDA")]
    public void UpscaleCuda() => Ready(_upscalers, ExecutionProvider.Cuda).Upscale(_frames[0], CancellationToken.None).Dispose();

    private async Task Matte(ExecutionProvider provider)
    {
        await foreach (var matted in Ready(_matters, provider).ProcessAsync(Clones(), CancellationToken.None))
        {
            matted.Dispose();
        }
    }

    private void Predict(ExecutionProvider provider)
    {
        var matter = Ready(_matters, provider);
        foreach (var frame in _frames)
        {
            matter.Predict(frame, _matte);
        }
    }

    private void Stylize(ExecutionProvider provider)
    {
        var stylizer = Ready(_stylizers, provider);
        foreach (var frame in _frames)
        {
            stylizer.Stylize(frame).Dispose();
        }
    }

    private T Ready<T>(Dictionary<ExecutionProvider, T> stages, ExecutionProvider provider)
        => stages.TryGetValue(provider, out var stage) ? stage : throw new InvalidOperationException(_missing.GetValueOrDefault(provider, $"{provider} was not set up."));

    private async IAsyncEnumerable<Frame> Clones()
    {
        foreach (var frame in _frames)
        {
            yield return frame.Clone();
            await Task.Yield();
        }
    }

    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithToolchain(InProcessEmitToolchain.Instance));
    }
}
