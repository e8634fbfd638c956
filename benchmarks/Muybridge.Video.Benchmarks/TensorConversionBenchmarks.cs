using BenchmarkDotNet.Attributes;
using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;
using Muybridge.Video.Onnx.Tensors;

namespace Muybridge.Video.Benchmarks;

/// <summary>
/// A real frame (bowler plate cell resized) to a planar ImageNet-normalised float tensor and back: the vectorised kernels
/// against the naive per-pixel loop a first version would write (the baseline), and against a plain copy of the same
/// number of output bytes (the memory's limit).
/// </summary>
[MemoryDiagnoser]
public class TensorConversionBenchmarks
{
    private Frame _frame = null!;
    private float[] _tensor = null!;
    private float[] _copySource = null!;
    private byte[] _bytes = null!;
    private ChannelAffine _affine;
    private PixelRect _whole;

    [Params("640x480", "1280x720")]
    public string Size { get; set; } = "640x480";

    [GlobalSetup]
    public void Setup()
    {
        var (width, height) = BenchmarkData.ParseSize(Size);
        _frame = BenchmarkData.Elephant(5, width, height);
        _tensor = new float[3 * width * height];
        _copySource = new float[3 * width * height];
        _bytes = new byte[3 * width * height];
        _affine = ChannelAffine.From(ImageTensorFormat.ImageNet);
        _whole = new PixelRect(0, 0, width, height);
        TensorLayout.ToPlanar(_frame.Rgb, width, _whole, width, height, _tensor, _affine);
    }

    [GlobalCleanup]
    public void Cleanup() => _frame.Dispose();

    [Benchmark(Baseline = true, Description = "to tensor: naive per-pixel loop")]
    public void ToTensorNaive()
    {
        int width = _frame.Width, height = _frame.Height, plane = width * height;
        var rgb = _frame.Rgb;
        float[] mean = [0.485f, 0.456f, 0.406f], std = [0.229f, 0.224f, 0.225f];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    _tensor[c * plane + y * width + x] = (rgb[3 * (y * width + x) + c] / 255f - mean[c]) / std[c];
                }
            }
        }
    }

    [Benchmark(Description = "to tensor: vectorised")]
    public void ToTensorVectorised() => TensorLayout.ToPlanar(_frame.Rgb, _frame.Width, _whole, _frame.Width, _frame.Height, _tensor, _affine);

    [Benchmark(Description = "memcpy of the tensor's bytes")]
    public void CopyTensorBytes() => _copySource.AsSpan().CopyTo(_tensor);

    [Benchmark(Description = "from tensor: naive per-pixel loop")]
    public void FromTensorNaive()
    {
        int width = _frame.Width, height = _frame.Height, plane = width * height;
        float[] mean = [0.485f, 0.456f, 0.406f], std = [0.229f, 0.224f, 0.225f];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var value = (_tensor[c * plane + y * width + x] * std[c] + mean[c]) * 255f;
                    _bytes[3 * (y * width + x) + c] = (byte)Math.Clamp(value + 0.5f, 0f, 255f);
                }
            }
        }
    }

    [Benchmark(Description = "from tensor: vectorised")]
    public void FromTensorVectorised() => TensorLayout.FromPlanar(_tensor, _frame.Width, _frame.Height, 0, 0, _bytes, _frame.Width, _whole, _affine);
}
