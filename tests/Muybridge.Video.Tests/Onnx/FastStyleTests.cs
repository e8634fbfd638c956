using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Onnx.Stylization;
using Muybridge.Video.Quality;
using Muybridge.Video.Stylization;

namespace Muybridge.Video.Tests.Onnx;

/// <summary>The real fast-neural-style models from ../shared/models/style.</summary>
public sealed class FastStyleTests
{
    [Fact]
    public async Task A_real_style_model_restyles_frames_and_frame_consistency_cuts_the_flicker_it_adds()
    {
        var model = SharedData.Model("style/fns_candy.onnx");
        var inputs = await StylizationTests.HorseAsync(4);
        using var steady = new FastStyleStylizer(model);
        using var perFrame = new FastStyleStylizer(model, new StyleOptions { FrameConsistency = 0 });
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

    [Fact]
    public void A_model_with_another_signature_is_refused()
    {
        var error = Assert.Throws<ModelContractException>(() => new FastStyleStylizer(Path.Combine(AppContext.BaseDirectory, "fixtures", "rife_signature_fp32.onnx")));
        Assert.Contains("inputImage", error.Message, StringComparison.Ordinal);
    }
}
