using Muybridge.Video.Matting;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

/// <summary>The model-free matter on the real ostrich run (12 frames of 500×560 before a lined wall, two clicks).</summary>
public sealed class OstrichRunMattingTests
{
    /// <summary>
    /// The wall darkens toward the plate's right edge, and on frames 6 and 9 a patch of it there (about 40 by 100) joined
    /// the ostrich only through the dark ground strip under both: 3649 and 4007 pixels of matte standing beside the bird
    /// once the strip was cut. Counted here: pieces apart from the bird reaching into the lower third, more than half of
    /// their columns beside it in their own rows.
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
                beside.Add(LoosePieces.Beside(frame.Alpha.ToArray(), frame.Width, frame.Height, (_, bottom) => bottom >= 2 * frame.Height / 3));
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"pixels of pieces beside the ostrich per frame: {string.Join(" ", beside)}");
        Assert.Equal(12, beside.Count);
        Assert.All(beside, count => Assert.True(count <= 50, $"{count} pixels of matte stand beside the ostrich"));
    }

    /// <summary>
    /// With the Derby's third click (on a foot) the first frame learns the subject's colours from the foot and the dark
    /// ground round it, and takes in the shaded wall along the plate's left margin, joined to the tail by a strip along
    /// that margin. The upright cut took the strip; the faint fringe it cleared beside it had been the last join, and the
    /// wall below (about 40 by 160; 4149 pixels of loose pieces at a quarter cover) stood loose under the tail. Counted: pieces apart from the bird with more
    /// than half of their columns beside it in their own rows.
    /// </summary>
    [Fact]
    public async Task The_wall_along_the_plates_margin_goes_with_the_strip_that_joined_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var matter = new SeededMatter([new PointPrompt(280, 224), new PointPrompt(225, 252), new PointPrompt(175, 448)]);
        var beside = new List<int>();
        await foreach (var frame in matter.ProcessAsync(ImageFolderSource.Open(SharedData.Muybridge("ostrich-run")).ReadAsync(ct), ct))
        {
            using (frame)
            {
                beside.Add(LoosePieces.Beside(frame.Alpha.ToArray(), frame.Width, frame.Height, (_, _) => true));
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"pixels of pieces beside the ostrich per frame: {string.Join(" ", beside)}");
        Assert.Equal(12, beside.Count);
        Assert.True(beside[0] <= 50, $"{beside[0]} pixels of wall stand beside the ostrich on the first frame");
    }

    /// <summary>
    /// The Derby's third click lies on a foot; carried along the flow it slips off the thin, fast leg onto the wall
    /// between the legs, and clamped there as a whole square it painted an 18 × 18 square of wall as subject on frames 4
    /// and 5 (388 pixels each at a quarter cover), which the carried matte then held; as the Derby mattes (the band kept
    /// for the ground speed, the clip looping), a 14 × 14 one on frame 4 where a few carried pixels let a small clamp
    /// through. Counted: pieces apart from the bird that are filled squares.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_click_that_slipped_off_a_leg_paints_no_square_of_wall_between_the_legs(bool asTheDerbyMattes)
    {
        var ct = TestContext.Current.CancellationToken;
        var options = asTheDerbyMattes ? new SeededMatterOptions { Loop = true, CutGroundBand = false } : new SeededMatterOptions();
        var matter = new SeededMatter([new PointPrompt(280, 224), new PointPrompt(225, 252), new PointPrompt(175, 448)], options);
        var squares = new List<int>();
        await foreach (var frame in matter.ProcessAsync(ImageFolderSource.Open(SharedData.Muybridge("ostrich-run")).ReadAsync(ct), ct))
        {
            using (frame)
            {
                squares.Add(FilledSquaresApart(frame.Alpha.ToArray(), frame.Width, frame.Height));
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"pixels of filled squares apart from the ostrich per frame: {string.Join(" ", squares)}");
        Assert.Equal(12, squares.Count);
        Assert.All(squares, count => Assert.True(count <= 50, $"{count} pixels of filled squares lie apart from the ostrich"));
    }

    /// <summary>
    /// Pixels of pieces apart from the bird that are filled squares of 100 pixels or more (a clamped click's shape, no
    /// part of a bird's; a grid line's crossing left by the kept band is smaller).
    /// </summary>
    private static int FilledSquaresApart(byte[] alpha, int width, int height)
    {
        var (labels, sizes, subject) = LoosePieces.Label(alpha, width, height);
        var boxes = LoosePieces.Boxes(labels, sizes.Count, width, height);
        var count = 0;
        for (var label = 0; label < sizes.Count; label++)
        {
            var (w, h) = (boxes[label].X1 - boxes[label].X0 + 1, boxes[label].Y1 - boxes[label].Y0 + 1);
            var square = sizes[label] >= 100 && 4 * Math.Max(w, h) <= 5 * Math.Min(w, h) && 5 * sizes[label] >= 4 * w * h;
            count += label != subject && square ? sizes[label] : 0;
        }

        return count;
    }
}
