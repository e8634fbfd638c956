using Muybridge.Video.Frames;
using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Onnx.Upscaling;
using Muybridge.Video.Quality;
using Muybridge.Video.Sources;
using Muybridge.Video.Upscaling;

namespace Muybridge.Video.Tests.Onnx;

/// <summary>The real realesr-animevideov3 model from ../shared/models (skipped with a reason when that folder is absent).</summary>
public sealed class RealEsrganTests : PooledTest
{
    private async Task<Frame> BuffaloAsync()
    {
        await using var source = OpenFolder("buffalo-gallop");
        var frames = await TestImages.ReadAllAsync(source);
        foreach (var extra in frames.Skip(1))
        {
            extra.Dispose();
        }

        return frames[0];
    }

    [Fact]
    public async Task Tiles_join_without_seams_and_match_a_single_whole_frame_run()
    {
        var model = SharedData.Model("sr/realesr-animevideov3.onnx");
        using var frame = await BuffaloAsync();
        // One tile big enough for the whole 225x138 frame, against 64-pixel tiles with 12 pixels of context.
        using var whole = new RealEsrganUpscaler(model, new RealEsrganOptions { TileSize = 256, TileOverlap = 0 });
        using var tiled = new RealEsrganUpscaler(model, new RealEsrganOptions { TileSize = 64, TileOverlap = 12 });
        using var a = whole.Upscale(frame, TestContext.Current.CancellationToken);
        using var b = tiled.Upscale(frame, TestContext.Current.CancellationToken);
        Assert.Equal((900, 552), (a.Width, a.Height));
        Assert.Equal((900, 552), (b.Width, b.Height));
        var psnr = ImageQuality.Psnr(b, a);
        Assert.True(psnr > 40, $"tiled vs whole: {psnr:0.0} dB");
    }

    [Fact]
    public async Task Frames_of_two_sizes_through_one_upscaler_match_fresh_upscalers()
    {
        // The bound tensors must follow a change of tile shape (a shape array rewritten in place once hid it).
        var model = SharedData.Model("sr/realesr-animevideov3.onnx");
        using var frame = await BuffaloAsync();
        using var small = FrameOps.Crop(frame, 0, 0, 80, 60);
        using var larger = FrameOps.Crop(frame, 20, 10, 120, 90);
        var options = new RealEsrganOptions { TileSize = 256, TileOverlap = 0 };
        using var shared = new RealEsrganUpscaler(model, options);
        using var first = shared.Upscale(small, TestContext.Current.CancellationToken);
        using var second = shared.Upscale(larger, TestContext.Current.CancellationToken);
        using var fresh = new RealEsrganUpscaler(model, options);
        using var expected = fresh.Upscale(larger, TestContext.Current.CancellationToken);
        Assert.Equal((320, 240), (first.Width, first.Height));
        Assert.Equal(expected.Rgb.ToArray(), second.Rgb.ToArray());
    }

    [Fact]
    public async Task Upscaled_frames_keep_the_picture_and_are_sharper_than_lanczos()
    {
        var model = SharedData.Model("sr/realesr-animevideov3.onnx");
        using var frame = await BuffaloAsync();
        using var esrgan = new RealEsrganUpscaler(model);
        using var learned = esrgan.Upscale(frame, TestContext.Current.CancellationToken);
        using var lanczos = LanczosUpscaler.Upscale(frame, 4);
        // Faithful to the picture: close to the Lanczos enlargement overall…
        var psnr = ImageQuality.Psnr(learned, lanczos);
        Assert.True(psnr > 24, $"Real-ESRGAN vs Lanczos {psnr:0.0} dB");
        // …but with more edge energy (it restores detail instead of interpolating it).
        Assert.True(EdgeEnergy(learned) > 1.1 * EdgeEnergy(lanczos), $"edge energy {EdgeEnergy(learned):0.0} vs {EdgeEnergy(lanczos):0.0}");
        Assert.Equal(ExecutionProvider.Cpu, esrgan.ActiveProvider);
    }

    [Fact]
    public void A_model_with_the_wrong_signature_is_refused()
    {
        var wrong = Path.Combine(AppContext.BaseDirectory, "fixtures", "rife_signature_fp32.onnx");
        var error = Assert.Throws<ModelContractException>(() => new RealEsrganUpscaler(wrong));
        Assert.Contains("img0", error.Message, StringComparison.Ordinal);
    }

    private static double EdgeEnergy(Frame frame)
    {
        var luma = TestImages.Luma(frame);
        double sum = 0;
        for (var y = 0; y < frame.Height; y++)
        {
            for (var x = 1; x < frame.Width; x++)
            {
                var d = luma[y * frame.Width + x] - luma[y * frame.Width + x - 1];
                sum += d * d;
            }
        }

        return 1e3 * sum / frame.PixelCount;
    }
}
