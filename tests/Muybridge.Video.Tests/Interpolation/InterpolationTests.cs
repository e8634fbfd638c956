using Muybridge.Video.Frames;
using Muybridge.Video.Interpolation;
using Muybridge.Video.Quality;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

public sealed class InterpolationTests : PooledTest
{
    private async Task<List<Frame>> FramesAsync(string folder)
    {
        await using var source = OpenFolder(folder);
        return await TestImages.ReadAllAsync(source);
    }

    private static (double Psnr, double Ssim) HeldOut(IFrameInterpolator interpolator, List<Frame> frames, int step = 1)
    {
        double psnr = 0, ssim = 0;
        var count = 0;
        using var predicted = frames[0].CreateSibling();
        for (var i = 1; i + 1 < frames.Count; i += step)
        {
            interpolator.Interpolate(frames[i - 1], frames[i + 1], [0.5f], [predicted], TestContext.Current.CancellationToken);
            psnr += ImageQuality.Psnr(predicted, frames[i]);
            ssim += ImageQuality.Ssim(predicted, frames[i]);
            count++;
        }

        return (psnr / count, ssim / count);
    }

    [Theory]
    [InlineData("buffalo-gallop", 1)]
    [InlineData("horse-bowler-gallop", 1)]
    [InlineData("elephant-walk", 3)]
    public async Task Flow_beats_the_cross_fade_on_held_out_real_frames(string folder, int step)
    {
        var frames = await FramesAsync(folder);
        try
        {
            var crossFade = HeldOut(new CrossFadeInterpolator(), frames, step);
            var flow = HeldOut(new FlowInterpolator(), frames, step);
            Assert.True(flow.Psnr > crossFade.Psnr, $"{folder}: flow {flow.Psnr:0.00} dB vs cross-fade {crossFade.Psnr:0.00} dB");
            Assert.True(flow.Ssim > crossFade.Ssim + 0.02, $"{folder}: flow SSIM {flow.Ssim:0.000} vs cross-fade {crossFade.Ssim:0.000}");
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Cut_outs_keep_their_matte_and_the_backdrop_does_not_smear_into_the_subject()
    {
        var frames = await FramesAsync("horse-in-motion");
        try
        {
            using var predicted = frames[0].CreateSibling();
            new FlowInterpolator().Interpolate(frames[4], frames[6], [0.5f], [predicted], TestContext.Current.CancellationToken);
            Assert.True(predicted.HasAlpha);
            double intersection = 0, union = 0, colourError = 0;
            var inside = 0;
            for (var i = 0; i < predicted.PixelCount; i++)
            {
                bool p = predicted.Alpha[i] > 127, t = frames[5].Alpha[i] > 127;
                intersection += p && t ? 1 : 0;
                union += p || t ? 1 : 0;
                if (p && t)
                {
                    colourError += Math.Abs(predicted.Rgb[3 * i] - frames[5].Rgb[3 * i]);
                    inside++;
                }
            }

            // The real in-between matte is a different pose; the prediction must still cover it mostly.
            Assert.True(intersection / union > 0.7, $"matte IoU {intersection / union:0.000}");
            // The transparent surroundings store black: had they been warped unpremultiplied, the subject would darken.
            Assert.True(colourError / inside < 40, $"mean colour error inside the subject {colourError / inside:0.0}");
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Loop_seam_is_interpolated_between_the_last_and_the_first_frame()
    {
        var frames = await FramesAsync("buffalo-gallop");
        var output = new List<Frame>();
        try
        {
            await foreach (var frame in new InterpolationStage(new FlowInterpolator(), 2, loop: true).ProcessAsync(frames.Select(f => f.Clone()).ToAsyncEnumerable(), TestContext.Current.CancellationToken))
            {
                output.Add(frame);
            }

            Assert.Equal(32, output.Count);
            var seam = output[^1];
            using var expected = frames[0].CreateSibling();
            new FlowInterpolator().Interpolate(frames[^1], frames[0], [0.5f], [expected], TestContext.Current.CancellationToken);
            Assert.Equal(expected.Rgb.ToArray(), seam.Rgb.ToArray());
            Assert.Equal(frames[^1].Timestamp + frames[^1].Duration / 2, seam.Timestamp);
            // The seam frame sits between its neighbours, not equal to either.
            var toLast = ImageQuality.Psnr(seam, frames[^1]);
            var toFirst = ImageQuality.Psnr(seam, frames[0]);
            var neighbours = ImageQuality.Psnr(frames[^1], frames[0]);
            Assert.True(toLast > neighbours && toFirst > neighbours, $"seam {toLast:0.0}/{toFirst:0.0} dB vs neighbours {neighbours:0.0} dB");
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
            output.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public void Bad_input_gets_clear_errors()
    {
        using var a = Blank(32, 32);
        using var b = Blank(32, 30);
        using var c = Blank(32, 32);
        using var result = Blank(32, 32);
        var flow = new FlowInterpolator();
        var sizes = Assert.Throws<InvalidFrameInputException>(() => flow.Interpolate(a, b, [0.5f], [result], TestContext.Current.CancellationToken));
        Assert.Contains("different sizes", sizes.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<OptionOutOfRangeException>(() => flow.Interpolate(a, c, [1.2f], [result], TestContext.Current.CancellationToken));
        Assert.ThrowsAny<OptionOutOfRangeException>(() => flow.Interpolate(a, c, [0f], [result], TestContext.Current.CancellationToken));
        Assert.ThrowsAny<OptionOutOfRangeException>(() => new InterpolationStage(flow, factor: 0));
        Assert.ThrowsAny<OptionOutOfRangeException>(() => new FlowInterpolator(new FlowInterpolatorOptions { UncertainBlur = -0.01f }));
        Assert.ThrowsAny<OptionOutOfRangeException>(() => new FlowInterpolator(new FlowInterpolatorOptions { UncertainBlur = float.NaN }));
    }

    [Theory]
    [InlineData("horse-in-motion", 1)]
    [InlineData("horse-bowler-gallop", 1)]
    [InlineData("elephant-walk", 3)]
    public async Task Where_the_motion_is_unsure_a_soft_guess_beats_two_sharp_ghosts(string folder, int step)
    {
        var frames = await FramesAsync(folder);
        try
        {
            foreach (var frame in frames.Where(f => f.HasAlpha))
            {
                FrameOps.FlattenOnGrey(frame);
            }

            var sharp = HeldOut(new FlowInterpolator(new FlowInterpolatorOptions { UncertainBlur = 0 }), frames, step);
            var soft = HeldOut(new FlowInterpolator(), frames, step);
            TestContext.Current.TestOutputHelper?.WriteLine($"{folder}: sharp {sharp.Psnr:0.00} dB / {sharp.Ssim:0.000}, soft {soft.Psnr:0.00} dB / {soft.Ssim:0.000}");
            Assert.True(soft.Psnr > sharp.Psnr + 0.1, $"{folder}: blurred where unsure {soft.Psnr:0.00} dB vs sharp {sharp.Psnr:0.00} dB");
            Assert.True(soft.Ssim > sharp.Ssim, $"{folder}: SSIM blurred where unsure {soft.Ssim:0.000} vs sharp {sharp.Ssim:0.000}");

            // What the flow is sure of is left alone: identical neighbours come back as they are, not blurred.
            using var same = frames[0].CreateSibling();
            new FlowInterpolator().Interpolate(frames[1], frames[1], [0.5f], [same], TestContext.Current.CancellationToken);
            var largest = 0;
            for (var i = 0; i < same.Rgb.Length; i++)
            {
                largest = Math.Max(largest, Math.Abs(same.Rgb[i] - frames[1].Rgb[i]));
            }

            Assert.True(largest <= 1, $"{folder}: a frame interpolated with itself moved by up to {largest} levels");
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Pairs_interpolated_in_parallel_come_out_in_order_and_equal_the_sequential_run()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = OpenFolder("buffalo-gallop");
        var frames = await TestImages.ReadAllAsync(source);
        try
        {
            var sequential = await new InterpolationStage(new FlowInterpolator(), 3, loop: true).ProcessAsync(frames.Select(f => f.Clone()).ToAsyncEnumerable(), ct).ToListAsync(ct);
            var parallel = new InterpolationStage(() => new FlowInterpolator(), 3, loop: true, degreeOfParallelism: 3);
            Assert.Equal(3, parallel.DegreeOfParallelism);
            var together = await parallel.ProcessAsync(frames.Select(f => f.Clone()).ToAsyncEnumerable(), ct).ToListAsync(ct);
            try
            {
                Assert.Equal(16 * 3, together.Count);
                Assert.Equal(sequential.Count, together.Count);
                for (var i = 0; i < together.Count; i++)
                {
                    Assert.Equal(i, together[i].Index);
                    Assert.Equal(sequential[i].Timestamp, together[i].Timestamp);
                    Assert.Equal(sequential[i].Duration, together[i].Duration);
                    Assert.True(sequential[i].Rgb.SequenceEqual(together[i].Rgb), $"frame {i} differs");
                }
            }
            finally
            {
                sequential.Concat(together).ToList().ForEach(f => f.Dispose());
            }
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }
}
