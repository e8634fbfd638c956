using Muybridge.Video.Frames;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

/// <summary>The frame numbers printed on a plate's pictures are painted out, and nothing else is touched.</summary>
public sealed class PlateNumberTests
{
    [Fact]
    public async Task Cat_plate_numbers_in_the_bottom_left_corner_are_painted_out_and_nothing_else_changes()
    {
        var (erased, kept, count) = await ReadBothAsync("cat-gallop-plate.jpg", 4, 5);
        try
        {
            // The cat plate's numbers (1–20, hand-written, bottom-left of every picture) are faint on the first row; most are found.
            Assert.InRange(count, 15, 20);
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
                        // Only the corner where the numbers are printed is touched (the grid, the cat, the ground are not).
                        Assert.True(i % width < 0.15 * width && i / width > 0.8 * height, $"frame {k + 1}: pixel ({i % width},{i / width}) changed outside the numbers' corner");
                    }
                }

                Assert.InRange(changed, 0, 0.01 * width * height);
                changedFrames += changed > 0 ? 1 : 0;
            }

            Assert.Equal(count, changedFrames);

            // Frame 6's printed "6" (looked up by eye below the ground line, rows 90–98: strokes 40–60 levels darker than the paper) is gone:
            // its darkest pixel in the corner stands far less below the corner's median than before.
            var before = DarkestBelowMedian(kept[5], 0, 90, 12, 9);
            var after = DarkestBelowMedian(erased[5], 0, 90, 12, 9);
            TestContext.Current.TestOutputHelper?.WriteLine($"cat frame 6 corner: darkest {before:0} levels below the median before, {after:0} after; numbers on {count} of 20 frames");
            Assert.True(before > 45, $"the printed 6 should be dark in the raw cell ({before:0})");
            Assert.True(after < 0.4 * before, $"the printed 6 is still there ({after:0} levels below the corner's median; before {before:0})");
        }
        finally
        {
            erased.Concat(kept).ToList().ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task A_plate_without_printed_numbers_is_left_as_it_is()
    {
        // The Daisy plate carries no numbers on its pictures: nothing may be painted out.
        var (erased, kept, count) = await ReadBothAsync("daisy-gallop-plate.jpg", 4, 4);
        try
        {
            Assert.Equal(0, count);
            for (var k = 0; k < kept.Count; k++)
            {
                Assert.True(kept[k].Rgb.SequenceEqual(erased[k].Rgb), $"frame {k + 1} changed");
            }
        }
        finally
        {
            erased.Concat(kept).ToList().ForEach(f => f.Dispose());
        }
    }

    private static async Task<(List<Frame> Erased, List<Frame> Kept, int Count)> ReadBothAsync(string plate, int rows, int columns)
    {
        await using var erasing = PlateSource.Open(SharedData.Muybridge(plate), rows, columns);
        await using var keeping = PlateSource.Open(SharedData.Muybridge(plate), rows, columns, keepFrameNumbers: true);
        Assert.Equal(0, keeping.FrameNumbersErased);
        return (await TestImages.ReadAllAsync(erasing), await TestImages.ReadAllAsync(keeping), erasing.FrameNumbersErased);
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
