using Muybridge.Video.Frames;
using Muybridge.Video.Sinks;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

/// <summary>Cut-outs keep their matte through the video formats that carry alpha.</summary>
public sealed class AlphaRoundTripTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("muybridge-alpha");

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>Writes <paramref name="frames"/> to <paramref name="path"/> (its format by extension) and reads them back.</summary>
    private static async Task<List<Frame>> WrittenAndReadBackAsync(List<Frame> frames, string path, CancellationToken ct)
    {
        await using (var sink = FrameSinks.ForPath(path))
        {
            foreach (var frame in frames)
            {
                await sink.WriteAsync(frame, ct);
            }

            await sink.CompleteAsync(ct);
        }

        await using var back = await FrameSources.OpenAsync(path, cancellationToken: ct);
        return await TestImages.ReadAllAsync(back);
    }

    [Theory]
    [InlineData("horse.webm", 0.98, 0.01)]
    [InlineData("horse.mov", 0.99, 0.005)]
    [InlineData("horse.apng", 1.0, 0.0)]
    public async Task The_horse_in_motion_matte_survives_a_round_trip(string name, double minIou, double maxError)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = ImageFolderSource.Open(SharedData.Muybridge("horse-in-motion"));
        var truth = await TestImages.ReadAllAsync(source);
        var path = Path.Combine(_folder.FullName, name);
        try
        {
            var frames = await WrittenAndReadBackAsync(truth, path, ct);
            try
            {
                Assert.Equal(truth.Count, frames.Count);
                for (var i = 0; i < frames.Count; i++)
                {
                    Assert.True(frames[i].HasAlpha, $"{name}: frame {i} came back without alpha");
                    var iou = TestImages.Iou(frames[i].Alpha, truth[i].Alpha);
                    var error = frames[i].Alpha.ToArray().Zip(truth[i].Alpha.ToArray(), (a, b) => Math.Abs(a - b) / 255.0).Average();
                    Assert.True(iou >= minIou && error <= maxError, $"{name}: frame {i} IoU {iou:0.0000}, alpha error {error:0.0000}");
                }
            }
            finally
            {
                frames.ForEach(f => f.Dispose());
            }
        }
        finally
        {
            truth.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task A_gif_keeps_the_matte_as_one_bit_transparency_and_the_colours_where_it_is_opaque()
    {
        // GIF has one transparent palette entry: the matte comes back thresholded at half, the subject in its colours.
        var ct = TestContext.Current.CancellationToken;
        await using var source = ImageFolderSource.Open(SharedData.Muybridge("horse-in-motion"));
        var truth = await TestImages.ReadAllAsync(source);
        var path = Path.Combine(_folder.FullName, "horse.gif");
        try
        {
            var frames = await WrittenAndReadBackAsync(truth, path, ct);
            try
            {
                Assert.Equal(truth.Count, frames.Count);
                for (var i = 0; i < frames.Count; i++)
                {
                    Assert.True(frames[i].HasAlpha, $"frame {i} came back without alpha");
                    var halved = truth[i].Alpha.ToArray().Select(a => a >= 128 ? (byte)255 : (byte)0).ToArray();
                    var iou = TestImages.Iou(frames[i].Alpha.ToArray(), halved);
                    Assert.All(frames[i].Alpha.ToArray(), a => Assert.True(a is 0 or 255, $"frame {i}: alpha {a} in a GIF"));
                    double error = 0;
                    var opaque = 0;
                    for (var p = 0; p < halved.Length; p++)
                    {
                        if (halved[p] == 255 && frames[i].Alpha[p] == 255)
                        {
                            for (var c = 0; c < 3; c++)
                            {
                                error += Math.Abs(frames[i].Rgb[p * 3 + c] - truth[i].Rgb[p * 3 + c]);
                            }

                            opaque++;
                        }
                    }

                    error /= 3.0 * opaque;
                    Assert.True(iou >= 0.99 && error <= 4, $"frame {i}: IoU {iou:0.0000} with the halved matte, colour error {error:0.00} levels");
                }
            }
            finally
            {
                frames.ForEach(f => f.Dispose());
            }
        }
        finally
        {
            truth.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public void Alpha_video_sinks_take_only_formats_that_carry_alpha()
    {
        var error = Assert.ThrowsAny<InvalidOptionException>(() => new AlphaVideoSink(Path.Combine(_folder.FullName, "x.mp4")));
        Assert.Contains(".webm", error.Message, StringComparison.Ordinal);
    }
}
