using Muybridge.Video.Matting;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Tests;

/// <summary>The model-free matter on the real bowler plate (two clicks): nothing but the horse at its own feet.</summary>
public sealed class BowlerPlateGroundTests : PooledTest
{
    [Fact]
    public async Task No_piece_of_the_foot_board_lies_loose_at_the_hooves()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var plate = OpenPlate("horse-bowler-gallop-plate.jpg", 2, 6);
        var matter = new SeededMatter([new PointPrompt(180, 260), new PointPrompt(260, 170)]);
        var loose = new List<int>();
        await foreach (var frame in matter.ProcessAsync(plate.ReadAsync(ct), ct))
        {
            using (frame)
            {
                loose.Add(LooseAtTheFeet(frame.Alpha, frame.Width, frame.Height));
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"pixels loose at the feet per frame: {string.Join(" ", loose)}");
        Assert.Equal(12, loose.Count);

        // Until flat pieces along the feet's row went with the ground, the fifth cell kept an 84 by 14 strip of the board's
        // dark top edge beside the hind hooves in flight (798 pixels); its top stood 10 rows above the feet, a hoof is 9.
        Assert.All(loose, count => Assert.True(count <= 20, $"{count} pixels of matte loose at the feet"));
    }

    /// <summary>Pixels of the matte (a quarter cover) apart from its largest region within two hooves (4 % of the height) above the region's lowest row or below it.</summary>
    private static int LooseAtTheFeet(ReadOnlySpan<byte> alpha, int width, int height)
    {
        var mask = new bool[width * height];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = alpha[i] >= 64;
        }

        var labels = new int[mask.Length];
        var sizes = new List<int>();
        MaskMorphology.Regions(mask, width, height, labels, sizes);
        var subject = MaskMorphology.Largest(sizes);
        if (subject < 0)
        {
            return 0;
        }

        var lowest = Array.FindLastIndex(labels, l => l == subject) / width;
        var from = Math.Max(0, lowest - (int)Math.Round(0.04 * height));
        var count = 0;
        for (var i = from * width; i < labels.Length; i++)
        {
            count += labels[i] >= 0 && labels[i] != subject ? 1 : 0;
        }

        return count;
    }
}
