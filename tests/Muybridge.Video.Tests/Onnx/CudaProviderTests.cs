using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Onnx.Matting;
using Muybridge.Video.Onnx.Providers;
using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Onnx.Stylization;
using Muybridge.Video.Onnx.Upscaling;
using Muybridge.Video.Quality;
using Muybridge.Video.Stylization;

namespace Muybridge.Video.Tests.Onnx;

/// <summary>
/// The CUDA provider on the real models, each against the CPU provider on the same frames. They run where the tests are
/// built with the CUDA native library (<c>-p:OnnxRuntimeNative=Gpu</c>) on a machine with an NVIDIA GPU; elsewhere (CI:
/// the CPU package, no GPU) they skip and say which of the two is missing.
/// </summary>
public sealed class CudaProviderTests
{
    private static readonly OnnxSessionOptions Cuda = new() { Providers = [ExecutionProvider.Cuda], FallbackToCpu = false };

    private static readonly Lazy<string?> WhyNoCuda = new(() =>
    {
        if (!OnnxRuntimeInfo.AvailableProviders().Contains(OnnxProviderNames.NativeName(ExecutionProvider.Cuda)))
        {
            return "the loaded ONNX Runtime has no CUDA provider (the tests reference the CPU package; build them with -p:OnnxRuntimeNative=Gpu on a machine with an NVIDIA GPU)";
        }

        try
        {
            using var probe = OnnxModel.Load(Path.Combine(AppContext.BaseDirectory, "fixtures", "rife_signature_fp32.onnx"), Cuda);
            return null;
        }
        catch (ProviderUnavailableException e)
        {
            return $"the CUDA provider is there but did not start: {e.Message}";
        }
    });

    private static void RequireCuda()
    {
        if (WhyNoCuda.Value is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    [Fact]
    public void Without_a_cuda_build_asking_for_cuda_alone_names_the_gpu_package()
    {
        if (OnnxRuntimeInfo.AvailableProviders().Contains(OnnxProviderNames.NativeName(ExecutionProvider.Cuda)))
        {
            Assert.Skip("this build has the CUDA provider; the missing-provider message is checked on the CPU package");
        }

        var fixture = Path.Combine(AppContext.BaseDirectory, "fixtures", "rife_signature_fp32.onnx");
        var error = Assert.Throws<ProviderUnavailableException>(() => OnnxModel.Load(fixture, Cuda));
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu", error.Message, StringComparison.Ordinal);
        using var fallback = OnnxModel.Load(fixture, Cuda with { FallbackToCpu = true });
        Assert.Equal(ExecutionProvider.Cpu, fallback.ActiveProvider);
    }

    [Fact]
    public async Task Isnet_on_cuda_mattes_the_horse_as_the_cpu_does()
    {
        RequireCuda();
        var model = ModelCacheData.Require("isnet-medium.onnx");
        var (frames, truth) = await TestImages.HorseOverDaisyWallAsync(4);
        PointPrompt[] clicks = [new(245, 169), new(25, 147)];
        using var onGpu = new SalientObjectMatter(model, clicks, new SalientMatterOptions { Session = Cuda });
        using var onCpu = new SalientObjectMatter(model, clicks);
        Assert.Equal(ExecutionProvider.Cuda, onGpu.ActiveProvider);
        var gpu = await MatteAsync(onGpu, frames.Select(f => f.Clone()).ToList());
        var cpu = await MatteAsync(onCpu, frames);
        for (var i = 0; i < gpu.Count; i++)
        {
            var agreement = TestImages.Iou(gpu[i], cpu[i]);
            var difference = gpu[i].Zip(cpu[i], (a, b) => Math.Abs(a - b)).Average();
            var iou = TestImages.Iou(gpu[i], truth[i]);
            TestContext.Current.TestOutputHelper?.WriteLine($"frame {i}: CUDA vs CPU IoU {agreement:0.0000}, mean |alpha difference| {difference:0.000} levels; CUDA vs truth IoU {iou:0.000}");
            Assert.True(agreement > 0.99 && difference < 1.0, $"frame {i}: CUDA vs CPU IoU {agreement:0.0000}, mean alpha difference {difference:0.000}");
            Assert.True(iou > 0.9, $"frame {i}: IoU against the truth {iou:0.000}");
        }
    }

    [Fact]
    public async Task A_style_model_on_cuda_paints_what_the_cpu_paints()
    {
        RequireCuda();
        var model = SharedData.Model("style/fns_candy.onnx");
        var inputs = await StylizationTests.HorseAsync(4);
        var perFrame = new StyleOptions { FrameConsistency = 0 };
        using var onGpu = new FastStyleStylizer(model, perFrame, Cuda);
        using var onCpu = new FastStyleStylizer(model, perFrame);
        Assert.Equal(ExecutionProvider.Cuda, onGpu.ActiveProvider);
        var ct = TestContext.Current.CancellationToken;
        var gpu = await onGpu.ProcessAsync(inputs.Select(f => f.Clone()).ToAsyncEnumerable(), ct).ToListAsync(ct);
        var cpu = await onCpu.ProcessAsync(inputs.ToAsyncEnumerable(), ct).ToListAsync(ct);
        try
        {
            for (var i = 0; i < gpu.Count; i++)
            {
                var psnr = ImageQuality.Psnr(gpu[i], cpu[i]);
                TestContext.Current.TestOutputHelper?.WriteLine($"frame {i}: CUDA vs CPU {psnr:0.0} dB");
                Assert.True(psnr > 35, $"frame {i}: CUDA vs CPU {psnr:0.0} dB");
            }
        }
        finally
        {
            gpu.Concat(cpu).ToList().ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Real_esrgan_on_cuda_upscales_as_the_cpu_does()
    {
        RequireCuda();
        var model = SharedData.Model("sr/realesr-animevideov3.onnx");
        var inputs = await StylizationTests.HorseAsync(1);
        using var frame = inputs[0];
        using var onGpu = new RealEsrganUpscaler(model, new RealEsrganOptions { Session = Cuda });
        using var onCpu = new RealEsrganUpscaler(model);
        Assert.Equal(ExecutionProvider.Cuda, onGpu.ActiveProvider);
        var ct = TestContext.Current.CancellationToken;
        using var gpu = onGpu.Upscale(frame, ct);
        using var cpu = onCpu.Upscale(frame, ct);
        Assert.Equal((frame.Width * 4, frame.Height * 4), (gpu.Width, gpu.Height));
        var psnr = ImageQuality.Psnr(gpu, cpu);
        TestContext.Current.TestOutputHelper?.WriteLine($"×4 CUDA vs CPU {psnr:0.0} dB");
        Assert.True(psnr > 40, $"CUDA vs CPU {psnr:0.0} dB");
    }

    private static async Task<List<byte[]>> MatteAsync(SalientObjectMatter matter, List<Frame> frames)
    {
        var result = new List<byte[]>();
        await foreach (var matted in matter.ProcessAsync(frames.ToAsyncEnumerable(), TestContext.Current.CancellationToken))
        {
            using (matted)
            {
                result.Add(matted.Alpha.ToArray());
            }
        }

        return result;
    }
}
