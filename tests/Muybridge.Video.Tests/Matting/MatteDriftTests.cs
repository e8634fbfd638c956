using Muybridge.Video.Matting;

namespace Muybridge.Video.Tests;

/// <summary>No drift: a part of the subject lost from one frame's matte comes back when the picture shows it again.</summary>
public sealed class MatteDriftTests : PooledTest
{
    private const int Edited = 5;

    [Fact]
    public async Task A_head_deleted_from_one_frames_matte_returns_within_two_frames()
    {
        var (composites, truth) = await TestImages.HorseOverDaisyWallAsync();
        try
        {
            var clicks = new[] { new PointPrompt(245, 169), new PointPrompt(25, 147) };
            int width = composites[0].Width, height = composites[0].Height;
            var plain = await HeadRecallAsync(new SeededMatter(clicks), composites, truth, width, height);
            var edited = await HeadRecallAsync(new SeededMatter(clicks) { EditMatte = (frame, soft) => { if (frame == Edited) DeleteHead(soft, truth[frame], width, height); } }, composites, truth, width, height);
            TestContext.Current.TestOutputHelper?.WriteLine($"head recall, frames {Edited}…{Edited + 2}: plain {string.Join(" ", plain[Edited..(Edited + 3)].Select(v => v.ToString("0.00")))}, edited {string.Join(" ", edited[Edited..(Edited + 3)].Select(v => v.ToString("0.00")))}");

            Assert.True(plain[Edited] > 0.8, $"the head is matted to begin with ({plain[Edited]:0.00})");
            Assert.True(edited[Edited] < 0.05, "the edit took the head out");
            // Back within two frames, as well as the unedited run has it.
            Assert.True(edited[Edited + 2] >= plain[Edited + 2] - 0.05, $"frame {Edited + 2}: {edited[Edited + 2]:0.00} vs {plain[Edited + 2]:0.00}");
            Assert.True(edited.Skip(Edited + 2).Zip(plain.Skip(Edited + 2)).All(p => p.First >= p.Second - 0.05), "and stays back");
        }
        finally
        {
            composites.ForEach(f => f.Dispose());
        }
    }

    /// <summary>The head: the top half of the front fifth of the true matte's box.</summary>
    private static (int X0, int X1, int Y0, int Y1) Head(byte[] truth, int width, int height)
    {
        int x0 = width, x1 = 0, y0 = height, y1 = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            if (truth[i] < 128) continue;
            (x0, x1, y0, y1) = (Math.Min(x0, i % width), Math.Max(x1, i % width), Math.Min(y0, i / width), Math.Max(y1, i / width));
        }

        return (x1 - (x1 - x0) / 5, x1, y0, (y0 + y1) / 2);
    }

    private static void DeleteHead(float[] soft, byte[] truth, int width, int height)
    {
        var (x0, x1, y0, y1) = Head(truth, width, height);
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                soft[y * width + x] = 0f;
            }
        }
    }

    private static async Task<double[]> HeadRecallAsync(SeededMatter matter, List<Frames.Frame> composites, List<byte[]> truth, int width, int height)
    {
        var recall = new double[composites.Count];
        await foreach (var matted in matter.ProcessAsync(composites.Select(f => f.Clone()).ToAsyncEnumerable(), TestContext.Current.CancellationToken))
        {
            using (matted)
            {
                var t = truth[matted.Index];
                var (x0, x1, y0, y1) = Head(t, width, height);
                int inHead = 0, kept = 0;
                for (var y = y0; y <= y1; y++)
                {
                    for (var x = x0; x <= x1; x++)
                    {
                        var i = y * width + x;
                        if (t[i] < 128) continue;
                        inHead++;
                        kept += matted.Alpha[i] >= 128 ? 1 : 0;
                    }
                }

                recall[matted.Index] = inHead == 0 ? 1 : (double)kept / inHead;
            }
        }

        return recall;
    }
}
