using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Onnx.Stylization;
using Muybridge.Video.Quality;
using Muybridge.Video.Frames;
using Muybridge.Video.Sources;
using Muybridge.Video.Stylization;

namespace Muybridge.Video.Tests.Onnx;

/// <summary>The real fast-neural-style models from ../shared/models/style.</summary>
public sealed class FastStyleTests : PooledTest
{
    [Fact]
    public async Task A_real_style_model_restyles_frames_and_frame_consistency_cuts_the_flicker_it_adds()
    {
        var model = SharedData.Model("style/fns_candy.onnx");
        var inputs = await StylizationTests.HorseAsync(4);
        using var steady = new FastStyleStylizer(model);
        using var perFrame = new FastStyleStylizer(model, new FastStyleOptions { Style = new StyleOptions { FrameConsistency = 0 } });
        var ct = TestContext.Current.CancellationToken;
        var a = await steady.ProcessAsync(inputs.Select(f => f.Clone()).ToAsyncEnumerable(), ct).ToListAsync(ct);
        var b = await perFrame.ProcessAsync(inputs.Select(f => f.Clone()).ToAsyncEnumerable(), ct).ToListAsync(ct);
        try
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                Assert.Equal((inputs[i].Width, inputs[i].Height), (a[i].Width, a[i].Height));
                Assert.True(TemporalQuality.Colourfulness(a[i]) > 0.04);
                Assert.True(ImageQuality.Ssim(a[i], inputs[i]) > 0.85, $"SSIM {ImageQuality.Ssim(a[i], inputs[i]):0.000}");
            }

            double added = StylizationTests.AddedFlicker(inputs, b), addedSteady = StylizationTests.AddedFlicker(inputs, a);

            Assert.True(addedSteady <= 0.5 * added, $"added flicker per frame {added:0.0000}, frame-consistent {addedSteady:0.0000}");
        }
        finally
        {
            inputs.Concat(a).Concat(b).ToList().ForEach(f => f.Dispose());
        }
    }

    /// <summary>
    /// The target (warping error at most half the per-frame result) on the Daisy strip, whose sixteen cameras each
    /// stood elsewhere, at the default frame consistency, structure kept. Where the flow is not trusted the output still
    /// settles by a bounded step; with trusted pixels only it was 54 %.
    /// </summary>
    [Fact]
    public async Task At_the_default_frame_consistency_the_flicker_over_the_daisy_strip_is_at_most_half_the_per_frame_result()
    {
        var model = SharedData.Model("style/fns_candy.onnx");
        await using var source = PlateSource.Open(SharedData.Muybridge("daisy-gallop-strip.png"), 1, 16, slicing: PlateSlicing.EqualCells, keepFrameNumbers: true);
        var inputs = (await TestImages.ReadAllAsync(source)).ToList();
        using var steady = new FastStyleStylizer(model);
        using var perFrame = new FastStyleStylizer(model, new FastStyleOptions { Style = new StyleOptions { FrameConsistency = 0 } });
        var ct = TestContext.Current.CancellationToken;
        var a = await steady.ProcessAsync(inputs.Select(f => f.Clone()).ToAsyncEnumerable(), ct).ToListAsync(ct);
        var b = await perFrame.ProcessAsync(inputs.Select(f => f.Clone()).ToAsyncEnumerable(), ct).ToListAsync(ct);
        try
        {
            double single = StylizationTests.MeanWarpingError(inputs, b), smoothed = StylizationTests.MeanWarpingError(inputs, a);
            var ssim = Enumerable.Range(0, inputs.Count).Average(i => ImageQuality.Ssim(a[i], inputs[i]));
            TestContext.Current.TestOutputHelper?.WriteLine($"warping error per frame {single:0.0000}, frame-consistent {smoothed:0.0000} ({smoothed / single:P0}); SSIM {ssim:0.000}");

            // Measured: 0.1034 -> 0.0485 (47 %), SSIM 0.873.
            Assert.True(smoothed <= 0.5 * single, $"warping error {smoothed:0.0000} against {single:0.0000} per frame");
            Assert.True(ssim >= 0.85, $"mean SSIM {ssim:0.000}");
        }
        finally
        {
            inputs.Concat(a).Concat(b).ToList().ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public void A_model_with_another_signature_is_refused()
    {
        var error = Assert.Throws<ModelContractException>(() => new FastStyleStylizer(Path.Combine(AppContext.BaseDirectory, "fixtures", "rife_signature_fp32.onnx")));
        Assert.Contains("inputImage", error.Message, StringComparison.Ordinal);
    }
}
