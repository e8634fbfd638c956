using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML.OnnxRuntime;
using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;
using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Onnx.Upscaling;

namespace Muybridge.Video.Benchmarks;

/// <summary>
/// The real realesr-animevideov3 model on a 128×128 frame (one tile): the bare <c>session.Run</c> on a ready tensor (the
/// baseline) against the whole stage (frame to tensor, bound run, tensor to the ×4 frame). The difference is the stage's
/// overhead; the allocation column is per frame.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class UpscaleStageBenchmarks
{
    private const int Side = 128;
    private Frame _frame = null!;
    private RealEsrganUpscaler _stage = null!;
    private OnnxModel _bare = null!;
    private OrtValue _input = null!;
    private OrtValue _output = null!;
    private string[] _inputNames = null!;
    private string[] _outputNames = null!;

    [GlobalSetup]
    public void Setup()
    {
        var model = Path.Combine(BenchmarkData.Shared, "models", "sr", "realesr-animevideov3.onnx");
        _frame = BenchmarkData.Elephant(5, Side, Side);
        _stage = new RealEsrganUpscaler(model, new RealEsrganOptions { TileSize = Side, TileOverlap = 0 });
        _bare = OnnxModel.Load(model);
        _inputNames = [_bare.Session.InputNames[0]];
        _outputNames = [_bare.Session.OutputNames[0]];
        // The same pixels the stage sees: a network's run time depends on its data (e.g. denormals), not only its shape.
        var input = new float[3 * Side * Side];
        Muybridge.Video.Onnx.Tensors.TensorLayout.ToPlanar(_frame.Rgb, Side, new(0, 0, Side, Side), Side, Side, input);
        _input = OrtValue.CreateTensorValueFromMemory(input, [1, 3, Side, Side]);
        _output = OrtValue.CreateTensorValueFromMemory(new float[3 * 16 * Side * Side], [1, 3, 4 * Side, 4 * Side]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _input.Dispose();
        _output.Dispose();
        _bare.Dispose();
        _stage.Dispose();
        _frame.Dispose();
    }

    [Benchmark(Baseline = true, Description = "session.Run only")]
    public void SessionRun() => _bare.Session.Run(_bare.RunOptions, _inputNames, [_input], _outputNames, [_output]);

    [Benchmark(Description = "RealEsrganUpscaler.Upscale (whole stage)")]
    public void Stage()
    {
        using var result = _stage.Upscale(_frame);
    }
}
