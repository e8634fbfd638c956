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

    /// <summary>
    /// The Derby's third click lies on a foot; carried along the flow it slips off the thin, fast leg onto the wall
    /// between the legs, and clamped there as a whole square it painted an 18 × 18 square of wall as subject on frames 4
    /// and 5 (388 pixels each at a quarter cover), which the carried matte then held. Counted on the frames whose clicks were carried:
    /// pieces apart from the bird whose top lies in the lower two-fifths, among the legs.
    /// </summary>
    [Fact]
    public async Task A_click_that_slipped_off_a_leg_paints_no_square_of_wall_between_the_legs()
    {
        var ct = TestContext.Current.CancellationToken;
        var matter = new SeededMatter([new PointPrompt(280, 224), new PointPrompt(225, 252), new PointPrompt(175, 448)]);
        var loose = new List<int>();
        await foreach (var frame in matter.ProcessAsync(ImageFolderSource.Open(SharedData.Muybridge("ostrich-run")).ReadAsync(ct), ct))
        {
            using (frame)
            {
                loose.Add(PiecesAmongTheLegs(frame.Alpha.ToArray(), frame.Width, frame.Height));
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"pixels of pieces apart from the ostrich among its legs per frame: {string.Join(" ", loose)}");
        Assert.Equal(12, loose.Count);
        Assert.All(loose.Skip(1), count => Assert.True(count <= 50, $"{count} pixels of matte lie apart from the ostrich among its legs"));
    }

    private static int PiecesAmongTheLegs(byte[] alpha, int width, int height)
    {
        var (labels, sizes, subject) = Pieces(alpha, width, height);
        var tops = Enumerable.Repeat(height, sizes.Count).ToArray();
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= 0) tops[labels[i]] = Math.Min(tops[labels[i]], i / width);
        }

        return Enumerable.Range(0, sizes.Count).Where(label => label != subject && tops[label] >= 3 * height / 5).Sum(label => sizes[label]);
    }

    private static (int[] Labels, List<int> Sizes, int Subject) Pieces(byte[] alpha, int width, int height)
    {
        var mask = alpha.Select(a => a >= 64).ToArray();
        var labels = new int[mask.Length];
        var sizes = new List<int>();
        MaskMorphology.Regions(mask, width, height, labels, sizes);
        return (labels, sizes, MaskMorphology.Largest(sizes));
    }

    private static int PiecesBeside(byte[] alpha, int width, int height)
    {
        var (labels, sizes, subject) = Pieces(alpha, width, height);
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
