using Muybridge.Video.Frames;
using Muybridge.Video.Interpolation;
using Muybridge.Video.Onnx.Interpolation;
using Muybridge.Video.Onnx.Sessions;

namespace Muybridge.Video.Tests.Onnx;

/// <summary>
/// RIFE cannot be downloaded here, so the adapter runs against signature fixtures: graphs with RIFE 4.x's exact inputs and
/// output whose body is (1 − t)·img0 + t·img1 behind a 32×32 space-to-depth round trip that fails unless the frame was
/// padded to a multiple of 32. The adapter's result must therefore equal a cross-fade, pixel for pixel.
/// </summary>
public sealed class RifeInterpolatorTests : PooledTest
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    private Frame Gradient(int width, int height, int seed, bool alpha = false)
    {
        var frame = Blank(width, height);
        var random = new Random(seed);
        random.NextBytes(frame.Rgb);
        if (alpha)
        {
            random.NextBytes(frame.EnsureAlpha());
        }

        return frame;
    }

    [Theory]
    [InlineData("rife_signature_fp32.onnx", 0.5f, 0)]
    [InlineData("rife_signature_fp32.onnx", 0.25f, 0)]
    [InlineData("rife_signature_fp16.onnx", 0.75f, 1)]
    public void Adapter_pads_feeds_timestep_and_crops_exactly(string fixture, float t, int tolerance)
    {
        // 45x37 is deliberately not a multiple of 32 in either direction.
        using var a = Gradient(45, 37, 1);
        using var b = Gradient(45, 37, 2);
        using var rife = new RifeInterpolator(Fixture(fixture));
        using var actual = a.CreateSibling();
        using var expected = a.CreateSibling();
        rife.Interpolate(a, b, [t], [actual], TestContext.Current.CancellationToken);
        new CrossFadeInterpolator().Interpolate(a, b, [t], [expected], TestContext.Current.CancellationToken);
        Assert.Equal(fixture.Contains("fp16", StringComparison.Ordinal), rife.IsHalfPrecision);
        var rgbA = actual.Rgb.ToArray();
        var rgbE = expected.Rgb.ToArray();
        for (var i = 0; i < rgbA.Length; i++)
        {
            // Planar order, channel order and the crop offset are all checked here: any slip moves random pixels.
            Assert.True(Math.Abs(rgbA[i] - rgbE[i]) <= tolerance + 1, $"byte {i}: {rgbA[i]} vs cross-fade {rgbE[i]}");
        }
    }

    [Fact]
    public void Adapter_interpolates_the_matte_of_cut_outs()
    {
        using var a = Gradient(40, 40, 3, alpha: true);
        using var b = Gradient(40, 40, 4, alpha: true);
        using var rife = new RifeInterpolator(Fixture("rife_signature_fp32.onnx"));
        using var actual = a.CreateSibling();
        rife.Interpolate(a, b, [0.5f], [actual], TestContext.Current.CancellationToken);
        Assert.True(actual.HasAlpha);
        for (var i = 0; i < actual.PixelCount; i++)
        {
            Assert.True(Math.Abs(actual.Alpha[i] - (a.Alpha[i] + b.Alpha[i]) / 2.0) <= 1, $"alpha {i}");
        }
    }

    [Fact]
    public void Adapter_refuses_a_model_that_is_not_rife_naming_both_signatures()
    {
        var error = Assert.Throws<ModelContractException>(() => new RifeInterpolator(Fixture("rife_wrong_signature.onnx")));
        Assert.Contains("img0", error.Message, StringComparison.Ordinal);
        Assert.Contains("x Float", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adapter_refuses_a_missing_file_and_bad_times()
    {
        Assert.Throws<FileNotFoundException>(() => new RifeInterpolator(Fixture("no-such-model.onnx")));
        using var rife = new RifeInterpolator(Fixture("rife_signature_fp32.onnx"));
        using var a = Blank(8, 8);
        using var b = Blank(8, 8);
        using var c = Blank(9, 8);
        Assert.ThrowsAny<OptionOutOfRangeException>(() => rife.Interpolate(a, b, [1f], [c], TestContext.Current.CancellationToken));
        Assert.Throws<InvalidFrameInputException>(() => rife.Interpolate(a, c, [0.5f], [a], TestContext.Current.CancellationToken));
    }
}
