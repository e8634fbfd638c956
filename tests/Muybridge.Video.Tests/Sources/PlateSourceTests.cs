using Muybridge.Video.Frames;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

public sealed class PlateSourceTests : PooledTest
{
    [Theory]
    [InlineData("horse-bowler-gallop-plate.jpg", 2, 6)]
    [InlineData("cat-gallop-plate.jpg", 4, 5)]
    [InlineData("daisy-gallop-plate.jpg", 4, 4)]
    public async Task Slices_every_plate_into_rows_times_columns_frames_of_one_size(string plate, int rows, int columns)
    {
        await using var source = OpenPlate(plate, rows, columns);
        var frames = await TestImages.ReadAllAsync(source);
        try
        {
            Assert.Equal(rows * columns, frames.Count);
            Assert.All(frames, f => Assert.Equal((source.Info.Width, source.Info.Height), (f.Width, f.Height)));
            // A cell is most of the plate's pitch: gutters are trimmed, pictures are not cut in half.
            Assert.InRange(source.Info.Width, 0.7 * source.Cells.Max(c => c.X + c.Width) / columns, 1.0 * source.Cells.Max(c => c.X + c.Width) / columns + 1);
            // Cells do not overlap: each starts after the previous one in its row.
            foreach (var row in source.Cells.GroupBy(c => c.Row))
            {
                var ordered = row.OrderBy(c => c.Column).ToArray();
                for (var i = 1; i < ordered.Length; i++) Assert.True(ordered[i].X >= ordered[i - 1].X + ordered[i - 1].Width, $"cell {i} of row {row.Key} overlaps its neighbour");
            }

            // No frame is mostly gutter: every frame has picture contrast.
            Assert.All(frames, f =>
            {
                var luma = TestImages.Luma(f);
                var mean = luma.Average();
                Assert.InRange(Math.Sqrt(luma.Average(v => (v - mean) * (v - mean))), 0.08, 1);
            });
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Bowler_plate_frames_match_the_separately_published_frames_in_order()
    {
        await using var plate = OpenPlate("horse-bowler-gallop-plate.jpg", 2, 6);
        var cells = await TestImages.ReadAllAsync(plate);
        await using var folder = OpenFolder("horse-bowler-gallop");
        var published = await TestImages.ReadAllAsync(folder);
        try
        {
            var matches = 0;
            for (var i = 0; i < cells.Count; i++)
            {
                var same = TestImages.BestAlignedNcc(cells[i], published[i]);
                var other = TestImages.BestAlignedNcc(cells[i], published[(i + 6) % 12]);
                TestContext.Current.TestOutputHelper?.WriteLine($"bowler {i + 1}: same {same:0.000}, other {other:0.000}");
                Assert.True(same > 0.6, $"plate frame {i + 1} vs published frame {i + 1}: NCC {same:0.000}");
                if (same > other) matches++;
            }

            Assert.True(matches >= 11, $"only {matches}/12 plate frames matched their own published frame best");
        }
        finally
        {
            cells.ForEach(f => f.Dispose());
            published.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Daisy_plate_frames_match_the_strip_frames_in_order()
    {
        await using var plate = OpenPlate("daisy-gallop-plate.jpg", 4, 4);
        var cells = await TestImages.ReadAllAsync(plate);
        await using var stripSource = OpenPlate("daisy-gallop-strip.png", 1, 16);
        var strip = await TestImages.ReadAllAsync(stripSource);
        try
        {
            Assert.Equal(16, strip.Count);
            var matches = 0;
            for (var i = 0; i < 16; i++)
            {
                var same = TestImages.BestAlignedNcc(cells[i], strip[i]);
                var other = TestImages.BestAlignedNcc(cells[i], strip[(i + 8) % 16]);
                TestContext.Current.TestOutputHelper?.WriteLine($"daisy {i + 1}: same {same:0.000}, other {other:0.000}");
                Assert.True(same > 0.6, $"Daisy frame {i + 1}: NCC {same:0.000} against the strip");
                if (same > other) matches++;
            }

            // Neighbouring gallop phases look alike; the right frame must still win nearly always.
            Assert.True(matches >= 14, $"only {matches}/16 plate frames matched their own strip frame best");
        }
        finally
        {
            cells.ForEach(f => f.Dispose());
            strip.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public void A_photograph_with_no_grid_is_refused_with_a_clear_error()
    {
        var e = Assert.Throws<InvalidFrameInputException>(() => PlateSource.Open(SharedData.Background, 3, 3));
        Assert.Contains("gutter", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>These find a "gutter" (a horizon, a wall's edge) for these grids; what gives them away is that the cells do not repeat.</summary>
    [Theory]
    [InlineData("background", 2, 2)]
    [InlineData("background", 1, 2)]
    [InlineData("ostrich-run/01.png", 2, 3)]
    [InlineData("elephant-walk/01.png", 2, 2)]
    [InlineData("horse-in-motion/01.png", 1, 2)]
    public void A_photograph_whose_grid_would_fit_is_still_refused_because_its_cells_do_not_repeat(string picture, int rows, int columns)
    {
        var path = picture == "background" ? SharedData.Background : SharedData.Muybridge(picture);
        var e = Assert.Throws<InvalidFrameInputException>(() => PlateSource.Open(path, rows, columns));
        Assert.Contains("does not look like a plate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_still_image_without_a_grid_asks_for_plate()
    {
        var e = await Assert.ThrowsAsync<InvalidFrameInputException>(() => FrameSources.OpenAsync(SharedData.Muybridge("cat-gallop-plate.jpg"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("--plate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Equal_cells_cut_the_daisy_strip_into_sixteen_untrimmed_frames()
    {
        var path = SharedData.Muybridge("daisy-gallop-strip.png");
        await using var source = PlateSource.Open(path, 1, 16, slicing: PlateSlicing.EqualCells, keepFrameNumbers: true);
        var frames = await TestImages.ReadAllAsync(source);
        using var strip = Imaging.FrameFile.Load(path);
        Assert.Equal(16, frames.Count);
        for (var k = 0; k < frames.Count; k++)
        {
            Assert.Equal((128, 90), (frames[k].Width, frames[k].Height));
            // Nothing trimmed: each frame is exactly its 128-pixel slice of the strip.
            for (var y = 0; y < 90; y += 17)
            {
                Assert.Equal(strip.Rgb.Slice(3 * (y * strip.Width + 128 * k), 3 * 128).ToArray(), frames[k].Rgb.Slice(3 * y * 128, 3 * 128).ToArray());
            }
        }

        frames.ForEach(f => f.Dispose());
    }
}
