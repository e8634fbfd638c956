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
        var gpu = await SalientMatterTests.MatteAsync(onGpu, frames.Select(f => f.Clone()).ToList());
        var cpu = await SalientMatterTests.MatteAsync(onCpu, frames);
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
        using var onGpu = new FastStyleStylizer(model, new FastStyleOptions { Style = perFrame, Session = Cuda });
        using var onCpu = new FastStyleStylizer(model, new FastStyleOptions { Style = perFrame });
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

    [Fact]
    public async Task Rvm_on_cuda_carries_its_recurrent_state_from_frame_to_frame_on_the_device()
    {
        RequireCuda();
        var fixture = Path.Combine(AppContext.BaseDirectory, "fixtures", "rvm_signature.onnx");
        var options = new RobustVideoMatterOptions { Refinement = MatteRefinementOptions.None };
        using var onGpu = new RobustVideoMatter(fixture, [new PointPrompt(10, 10)], options with { Session = Cuda });
        Assert.Equal(ExecutionProvider.Cuda, onGpu.ActiveProvider);
        await MattingAdapterTests.AssertTheRvmFixtureMatteRisesFrameByFrameAsync(onGpu);
    }

    [Fact]
    public void A_resident_output_stays_in_cuda_memory_and_feeds_the_next_model_there()
    {
        RequireCuda();
        var fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");
        using var encoder = OnnxModel.Load(Path.Combine(fixtures, "sam_encoder_signature.onnx"), Cuda);
        using var onDevice = new BoundTensors(encoder, ["images"], ["image_embeddings"], residentOutputs: [0]);
        using var onHost = new BoundTensors(encoder, ["images"], ["image_embeddings"]);
        long[][] input = [[1, 3, 1024, 1024]], output = [[1, 256, 64, 64]];
        onDevice.Ensure(input, output);
        onHost.Ensure(input, output);
        var random = new Random(7);
        for (var i = 0; i < onDevice.Input(0).Length; i++)
        {
            onDevice.Input(0)[i] = onHost.Input(0)[i] = (float)random.NextDouble();
        }

        onDevice.Run();
        onHost.Run();
        var resident = onDevice.OutputValue(0);
        using var memory = resident.GetTensorMemoryInfo();
        Assert.Equal(Microsoft.ML.OnnxRuntime.OrtMemoryInfoDeviceType.GPU, memory.GetDeviceType());
        Assert.Throws<InvalidOperationException>(() => onDevice.Output(0).Length);

        // The device tensor goes into the decoder fixture as it is, and what comes out equals the host path's.
        using var decoder = OnnxModel.Load(Path.Combine(fixtures, "sam_decoder_signature.onnx"), Cuda);
        string[] names = ["image_embeddings", "point_coords", "point_labels", "mask_input", "has_mask_input", "orig_im_size"];
        using var coords = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(new[] { 500f, 500f, 0f, 0f }, [1, 2, 2]);
        using var labels = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(new[] { 1f, -1f }, [1, 2]);
        using var mask = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(new float[256 * 256], [1, 1, 256, 256]);
        using var hasMask = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(new[] { 0f }, [1]);
        using var size = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(new[] { 300f, 400f }, [2]);
        float[] Decode(Microsoft.ML.OnnxRuntime.OrtValue embedding)
        {
            using var outputs = decoder.Session.Run(decoder.RunOptions, names, [embedding, coords, labels, mask, hasMask, size], ["masks"]);
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }

        var fromDevice = Decode(resident);
        var fromHost = Decode(onHost.OutputValue(0));
        Assert.Equal(300 * 400, fromDevice.Length);
        Assert.True(fromDevice.Zip(fromHost, (a, b) => Math.Abs(a - b)).Max() < 1e-3f);
    }

    [Fact]
    public async Task Segment_anything_on_cuda_selects_what_it_selects_on_the_cpu()
    {
        RequireCuda();
        using var frame = Frame.Create(400, 300);
        frame.Rgb.Fill(200);
        for (var y = 100; y < 200; y++)
        {
            frame.Rgb.Slice(3 * (y * 400 + 300), 3 * 90).Fill(20);
        }

        var fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");
        string encoder = Path.Combine(fixtures, "sam_encoder_signature.onnx"), decoder = Path.Combine(fixtures, "sam_decoder_signature.onnx");
        using var onGpu = new SegmentAnythingMatter(encoder, decoder, [new PointPrompt(345, 150)], new SegmentAnythingOptions { Refinement = MatteRefinementOptions.None, Session = Cuda });
        using var onCpu = new SegmentAnythingMatter(encoder, decoder, [new PointPrompt(345, 150)], new SegmentAnythingOptions { Refinement = MatteRefinementOptions.None });
        Assert.Equal(ExecutionProvider.Cuda, onGpu.ActiveProvider);
        var ct = TestContext.Current.CancellationToken;
        var gpu = await onGpu.ProcessAsync(new[] { frame.Clone(), frame.Clone() }.ToAsyncEnumerable(), ct).ToListAsync(ct);
        var cpu = await onCpu.ProcessAsync(new[] { frame.Clone(), frame.Clone() }.ToAsyncEnumerable(), ct).ToListAsync(ct);
        try
        {
            for (var i = 0; i < gpu.Count; i++)
            {
                Assert.True(gpu[i].Alpha[150 * 400 + 345] >= 128, "the clicked block is selected");
                Assert.True(TestImages.Iou(gpu[i].Alpha, cpu[i].Alpha) > 0.99);
            }
        }
        finally
        {
            gpu.Concat(cpu).ToList().ForEach(f => f.Dispose());
        }
    }
}
