using Muybridge.Video.Frames;
using Muybridge.Video.Interpolation;
using Muybridge.Video.Quality;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

public sealed class QualityTests : PooledTest
{
    [Fact]
    public async Task Metrics_reproduce_the_published_cross_fade_scores_on_the_buffalo()
    {
        // shared/data/muybridge/README.md: a linear cross-fade scores 18.05 dB / 0.497 on the buffalo's 14 held-out frames.
        await using var source = OpenFolder("buffalo-gallop");
        var frames = await TestImages.ReadAllAsync(source);
        using var predicted = frames[0].CreateSibling();
        double psnr = 0, ssim = 0;
        for (var i = 1; i + 1 < frames.Count; i++)
        {
            new CrossFadeInterpolator().Interpolate(frames[i - 1], frames[i + 1], [0.5f], [predicted], TestContext.Current.CancellationToken);
            psnr += ImageQuality.Psnr(predicted, frames[i]);
            ssim += ImageQuality.Ssim(predicted, frames[i]);
        }

        Assert.Equal(18.05, psnr / 14, 0.02);
        Assert.Equal(0.497, ssim / 14, 0.005);
        Assert.Equal(100, ImageQuality.Psnr(frames[3], frames[3]));
        Assert.Equal(1, ImageQuality.Ssim(frames[3], frames[3]), 1e-9);
        frames.ForEach(f => f.Dispose());
    }

    [Fact]
    public void Metrics_refuse_frames_of_different_sizes()
    {
        using var a = Blank(16, 16);
        using var b = Blank(16, 15);
        Assert.Throws<InvalidFrameInputException>(() => ImageQuality.Psnr(a, b));
        Assert.Throws<InvalidFrameInputException>(() => ImageQuality.Ssim(a, b));
    }
}
