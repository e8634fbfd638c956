using Muybridge.Video.Frames;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

/// <summary>The frame numbers printed on a plate's pictures are painted out, and nothing else is touched.</summary>
public sealed class PlateNumberTests
{
    [Fact]
    public async Task Cat_plate_numbers_in_the_bottom_left_corner_are_painted_out_and_nothing_else_changes()
    {
        await WithBothAsync("cat-gallop-plate.jpg", 4, 5, (erased, kept, count) =>
        {
            // The cat plate's numbers (1–20, hand-written, bottom-left of every picture) are faint on the first row; most are found.
            Assert.InRange(count, 15, 20);
            Assert.Equal(count, ChangedOnlyInCorner(kept, erased, 0.15, 0.8, 0.01));

            // Frame 6's printed "6" (looked up by eye below the ground line, rows 90–98: strokes 40–60 levels darker than the paper) is gone:
            // its darkest pixel in the corner stands far less below the corner's median than before.
            var before = DarkestBelowMedian(kept[5], 0, 90, 12, 9);
            var after = DarkestBelowMedian(erased[5], 0, 90, 12, 9);
            TestContext.Current.TestOutputHelper?.WriteLine($"cat frame 6 corner: darkest {before:0} levels below the median before, {after:0} after; numbers on {count} of 20 frames");
            Assert.True(before > 45, $"the printed 6 should be dark in the raw cell ({before:0})");
            Assert.True(after < 0.4 * before, $"the printed 6 is still there ({after:0} levels below the corner's median; before {before:0})");
        });
    }

    [Fact]
    public async Task Bowler_plate_numbers_above_a_pebbled_board_are_painted_out_and_the_pebbles_are_not()
    {
        await WithBothAsync("horse-bowler-gallop-plate.jpg", 2, 6, (erased, kept, count) =>
        {
            // Printed 1–12 at the left edge just above the pebbles of the foot board; "4"–"6" are cut off or faint there.
            Assert.InRange(count, 8, 12);
            Assert.Equal(count, ChangedOnlyInCorner(kept, erased, 0.07, 0.88, 0.005));

            // The pebbles of the board's lower half (rows 458 and down) are all still there.
            var pebbles = 458 * kept[0].Width * 3;
            Assert.All(Enumerable.Range(0, kept.Count), k => Assert.True(kept[k].Rgb[pebbles..].SequenceEqual(erased[k].Rgb[pebbles..]), $"frame {k + 1}: pebbles changed"));

            // Frame 1's "1" and frame 10's "10" (looked up by eye: x 3–18, y 425–447 and x 3–13, y 434–452 of the 446×474
            // picture): their strokes stood about 70 levels below the board around them and now stand at its level.
            foreach (var (k, x, y, w, h) in (ReadOnlySpan<(int, int, int, int, int)>)[(0, 3, 425, 16, 23), (9, 3, 434, 11, 19)])
            {
                var (before, after) = StrokeDarkness(kept[k], erased[k], x, y, w, h);
                TestContext.Current.TestOutputHelper?.WriteLine($"bowler frame {k + 1}: the number's strokes {before:0} levels below the board before, {after:0} after; numbers on {count} of 12 frames");
                Assert.True(before > 50, $"frame {k + 1}: the printed number should be dark in the raw cell ({before:0})");
                Assert.True(Math.Abs(after) < 0.25 * before, $"frame {k + 1}: the printed number is still there ({after:0} levels below the board; before {before:0})");
            }
        });
    }

    [Fact]
    public async Task A_plate_without_printed_numbers_is_left_as_it_is()
    {
        // The Daisy plate carries no numbers on its pictures: nothing may be painted out.
        await WithBothAsync("daisy-gallop-plate.jpg", 4, 4, (erased, kept, count) =>
        {
            Assert.Equal(0, count);
            for (var k = 0; k < kept.Count; k++)
            {
                Assert.True(kept[k].Rgb.SequenceEqual(erased[k].Rgb), $"frame {k + 1} changed");
            }
        });
    }

    /// <summary>Reads a plate with its numbers painted out and kept, and checks the two (erased, kept, how many erased).</summary>
    private static async Task WithBothAsync(string plate, int rows, int columns, Action<List<Frame>, List<Frame>, int> check)
    {
        await using var erasing = PlateSource.Open(SharedData.Muybridge(plate), rows, columns);
        await using var keeping = PlateSource.Open(SharedData.Muybridge(plate), rows, columns, keepFrameNumbers: true);
        Assert.Equal(0, keeping.FrameNumbersErased);
        var (erased, kept) = (await TestImages.ReadAllAsync(erasing), await TestImages.ReadAllAsync(keeping));
        try
        {
            check(erased, kept, erasing.FrameNumbersErased);
        }
        finally
        {
            erased.Concat(kept).ToList().ForEach(f => f.Dispose());
        }
    }

    /// <summary>
    /// Asserts that only pixels in the bottom-left corner (left of <paramref name="right"/>, below <paramref name="top"/>,
    /// as shares of the picture) changed, at most <paramref name="share"/> of each frame; returns how many frames changed.
    /// </summary>
    private static int ChangedOnlyInCorner(List<Frame> kept, List<Frame> erased, double right, double top, double share)
    {
        int width = kept[0].Width, height = kept[0].Height;
        var changedFrames = 0;
        for (var k = 0; k < kept.Count; k++)
        {
            var changed = 0;
            for (var i = 0; i < width * height; i++)
            {
                if (!kept[k].Rgb.Slice(3 * i, 3).SequenceEqual(erased[k].Rgb.Slice(3 * i, 3)))
                {
                    changed++;
                    // Only the corner where the numbers are printed is touched (the grid, the animal, the ground are not).
                    Assert.True(i % width < right * width && i / width > top * height, $"frame {k + 1}: pixel ({i % width},{i / width}) changed outside the numbers' corner");
                }
            }

            Assert.InRange(changed, 0, share * width * height);
            changedFrames += changed > 0 ? 1 : 0;
        }

        return changedFrames;
    }

    /// <summary>
    /// The strokes of a box (its pixels 30 levels or more below the kept box's median): how far below the board (the
    /// erased box's median) they lie on average, kept and erased (0–255 levels).
    /// </summary>
    private static (double Before, double After) StrokeDarkness(Frame kept, Frame erased, int x0, int y0, int width, int height)
    {
        var (before, after) = (TestImages.Luma(kept), TestImages.Luma(erased));
        var box = Enumerable.Range(y0, height).SelectMany(y => Enumerable.Range(x0, width).Select(x => y * kept.Width + x)).ToArray();
        var median = box.Select(i => before[i]).Order().ElementAt(box.Length / 2);
        var strokes = box.Where(i => median - before[i] >= 30 / 255f).ToArray();
        var board = box.Select(i => after[i]).Order().ElementAt(box.Length / 2);
        return (255 * strokes.Average(i => board - before[i]), 255 * strokes.Average(i => board - after[i]));
    }

    /// <summary>How far (0–255 levels) the darkest pixel of a box lies below the box's median.</summary>
    private static double DarkestBelowMedian(Frame frame, int x0, int y0, int width, int height)
    {
        var luma = TestImages.Luma(frame);
        var box = new List<float>();
        for (var y = y0; y < Math.Min(frame.Height, y0 + height); y++)
        {
            for (var x = x0; x < x0 + width; x++)
            {
                box.Add(luma[y * frame.Width + x]);
            }
        }

        box.Sort();
        return 255 * (box[box.Count / 2] - box[0]);
    }
}
