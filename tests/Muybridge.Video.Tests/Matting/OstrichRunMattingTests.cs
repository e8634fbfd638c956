using Muybridge.Video.Matting;
using Muybridge.Video.Pixels;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

/// <summary>The model-free matter on the real ostrich run (12 frames of 500×560 before a lined wall, two clicks).</summary>
public sealed class OstrichRunMattingTests
{
    /// <summary>
    /// The wall darkens toward the plate's right edge, and on frames 6 and 9 a patch of it there (about 40 by 100) joined
    /// the ostrich only through the dark ground strip under both: 3649 and 4007 pixels of matte standing beside the bird
    /// once the strip was cut. Counted here: pieces apart from the bird reaching into the lower third, more than half of
    /// their columns beside it.
    /// </summary>
    [Fact]
    public async Task No_patch_of_wall_stands_beside_the_ostrich_on_the_ground_strip()
    {
        var ct = TestContext.Current.CancellationToken;
        var matter = new SeededMatter([new PointPrompt(280, 224), new PointPrompt(225, 252)]);
        var beside = new List<int>();
        await foreach (var frame in matter.ProcessAsync(ImageFolderSource.Open(SharedData.Muybridge("ostrich-run")).ReadAsync(ct), ct))
        {
            using (frame)
            {
                beside.Add(PiecesBeside(frame.Alpha.ToArray(), frame.Width, frame.Height));
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"pixels of pieces beside the ostrich per frame: {string.Join(" ", beside)}");
        Assert.Equal(12, beside.Count);
        Assert.All(beside, count => Assert.True(count <= 50, $"{count} pixels of matte stand beside the ostrich"));
    }

    private static int PiecesBeside(byte[] alpha, int width, int height)
    {
        var mask = alpha.Select(a => a >= 64).ToArray();
        var labels = new int[mask.Length];
        var sizes = new List<int>();
        MaskMorphology.Regions(mask, width, height, labels, sizes);
        var subject = MaskMorphology.Largest(sizes);
        var boxes = Enumerable.Repeat((X0: width, Y1: -1, X1: -1), sizes.Count).ToArray();
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0) continue;
            var (x0, y1, x1) = boxes[labels[i]];
            boxes[labels[i]] = (Math.Min(x0, i % width), Math.Max(y1, i / width), Math.Max(x1, i % width));
        }

        var count = 0;
        for (var label = 0; label < sizes.Count; label++)
        {
            var (x0, y1, x1) = boxes[label];
            var inside = Math.Max(0, Math.Min(x1, boxes[subject].X1) - Math.Max(x0, boxes[subject].X0) + 1);
            count += label != subject && y1 >= 2 * height / 3 && 2 * inside < x1 - x0 + 1 ? sizes[label] : 0;
        }

        return count;
    }
}
