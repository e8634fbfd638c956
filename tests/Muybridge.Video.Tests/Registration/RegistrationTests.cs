using Muybridge.Video.Frames;
using Muybridge.Video.Registration;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

public sealed class RegistrationTests : PooledTest
{
    [Fact]
    public async Task Registration_undoes_known_camera_jumps_on_real_frames()
    {
        await using var source = OpenFolder("elephant-walk");
        var frames = await TestImages.ReadAllAsync(source);
        (float X, float Y)[] jumps = [(0, 0), (6.5f, -2f), (-4f, 3.25f), (11f, 0.5f)];
        var shifted = new List<Frame>();
        // The same photograph seen by cameras that stood in different places: frame k is frame 0 moved by jumps[k].
        for (var k = 0; k < jumps.Length; k++)
        {
            var frame = BackdropRegistration.Shifted(frames[0], -jumps[k].X, -jumps[k].Y);
            frame.Index = k;
            shifted.Add(frame);
        }

        var registration = new BackdropRegistration();
        var output = new List<Frame>();
        await foreach (var frame in registration.ProcessAsync(shifted.ToAsyncEnumerable(), TestContext.Current.CancellationToken))
        {
            output.Add(frame);
        }

        for (var k = 0; k < jumps.Length; k++)
        {
            Assert.Equal(jumps[k].X, registration.Offsets[k].X, 0.3f);
            Assert.Equal(jumps[k].Y, registration.Offsets[k].Y, 0.3f);
        }

        // Away from the extended borders, every registered frame lines up with the first.
        var reference = TestImages.Luma(output[0]);
        for (var k = 1; k < output.Count; k++)
        {
            var luma = TestImages.Luma(output[k]);
            double error = 0;
            var n = 0;
            for (var y = 20; y < output[k].Height - 20; y++)
            {
                for (var x = 20; x < output[k].Width - 20; x++)
                {
                    error += Math.Abs(luma[y * output[k].Width + x] - reference[y * output[k].Width + x]);
                    n++;
                }
            }

            Assert.True(error / n < 0.02, $"frame {k}: mean difference {error / n:0.000}");
        }

        frames.ForEach(f => f.Dispose());
        output.ForEach(f => f.Dispose());
    }

    [Fact]
    public async Task Registration_steadies_the_backdrop_of_the_bowler_plate()
    {
        await using var source = OpenPlate("horse-bowler-gallop-plate.jpg", 2, 6);
        var frames = await TestImages.ReadAllAsync(source);
        var registered = new List<Frame>();
        await foreach (var frame in new BackdropRegistration().ProcessAsync(frames.Select(f => f.Clone()).ToAsyncEnumerable(), TestContext.Current.CancellationToken))
        {
            registered.Add(frame);
        }

        // The plate's cells are cut unevenly: the backdrop's lines jump between cells, and registration must reduce it.
        var before = MeanNeighbourDifference(frames);
        var after = MeanNeighbourDifference(registered);
        Assert.True(after < before, $"neighbour difference {before:0.0000} before, {after:0.0000} after");
        frames.ForEach(f => f.Dispose());
        registered.ForEach(f => f.Dispose());
    }

    private static double MeanNeighbourDifference(List<Frame> frames)
    {
        double total = 0;
        for (var k = 1; k < frames.Count; k++)
        {
            var a = TestImages.Luma(frames[k - 1]);
            var b = TestImages.Luma(frames[k]);
            int w = frames[k].Width, h = frames[k].Height;
            double sum = 0;
            var n = 0;
            // The top band holds the backdrop above the rider; the borders are skipped (extended pixels).
            for (var y = 16; y < h / 3; y++)
            {
                for (var x = 16; x < w - 16; x++)
                {
                    sum += Math.Abs(a[y * w + x] - b[y * w + x]);
                    n++;
                }
            }

            total += sum / n;
        }

        return total / (frames.Count - 1);
    }
}
