using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;
using Muybridge.Video.Onnx.Depth;
using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Onnx.Tensors;

namespace Muybridge.Video.Tests.Onnx;

/// <summary>
/// No MiDaS, DPT or Depth-Anything file can be had here, so the adapter runs against signature fixtures with each export's
/// input/output contract whose body is the mean of the three normalised channels (tests/fixtures/make_signature_fixtures.py).
/// On a grey Muybridge frame that "depth" is an affine function of brightness at the same place, so a misplaced,
/// mis-scaled or mis-cropped frame would break the correlation the tests demand.
/// </summary>
public sealed class OnnxDepthTests : PooledTest
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    public static TheoryData<string, string, ResizeMode> Models => new()
    {
        { "depth_anything_signature.onnx", "depth-anything-v2-small", ResizeMode.Letterbox },
        { "depth_anything_signature.onnx", "depth-anything-v1-small", ResizeMode.Stretch },
        { "midas_small_signature.onnx", "midas-v2.1-small", ResizeMode.Letterbox },
        { "dpt_hybrid_signature.onnx", "dpt-hybrid", ResizeMode.Stretch },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Output_lands_on_the_frame_where_its_input_came_from(string fixture, string card, ResizeMode resize)
    {
        using var frame = FrameFile.Load(Path.Combine(SharedData.Muybridge("elephant-walk"), "05.png"));
        using var estimator = new OnnxDepthEstimator(Fixture(fixture), new OnnxDepthOptions { CatalogName = card, Resize = resize, ClipFraction = 0 });
        var depth = new float[frame.PixelCount];
        estimator.Estimate(frame, depth, TestContext.Current.CancellationToken);
        Assert.InRange(depth.Min(), 0f, 0.01f);
        Assert.InRange(depth.Max(), 0.99f, 1f);

        // The fixture's depth is brightness (after resampling twice), so it must track a blurred luma of the frame.
        var luma = TestImages.Luma(frame);
        var correlation = Pearson(luma, depth);
        Assert.True(correlation > 0.95, $"{fixture} as {card} ({resize}): r = {correlation:0.000}");

        // A second frame reuses the bound tensors and gives the same answer for the same input.
        var again = new float[frame.PixelCount];
        estimator.Estimate(frame, again, TestContext.Current.CancellationToken);
        Assert.Equal(depth, again);
    }

    [Fact]
    public void A_file_with_another_signature_is_refused_naming_both()
    {
        var error = Assert.Throws<ModelContractException>(() => new OnnxDepthEstimator(Fixture("depth_wrong_signature.onnx")));
        Assert.Contains("image", error.Message, StringComparison.Ordinal);
        Assert.Contains("pixels", error.Message, StringComparison.Ordinal);
        Assert.Contains("depth-anything-v2-small", error.Message, StringComparison.Ordinal);

        // A RIFE graph is not a depth model either, and a non-depth card is refused before loading.
        Assert.Throws<ModelContractException>(() => new OnnxDepthEstimator(Fixture("rife_signature_fp32.onnx")));
        Assert.ThrowsAny<InvalidOptionException>(() => new OnnxDepthEstimator(Fixture("depth_anything_signature.onnx"), new OnnxDepthOptions { CatalogName = "isnet-medium" }));
    }

    private static double Pearson(float[] a, float[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return sab / Math.Sqrt(saa * sbb);
    }
}
