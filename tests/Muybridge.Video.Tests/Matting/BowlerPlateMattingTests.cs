using Muybridge.Video.Matting;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

/// <summary>
/// The model-free matter on the real bowler plate (2×6 cells of 446×474, two clicks): nothing but the horse at its own
/// feet, and the horse whole where the book's fold shades the page. The plate is matted once for the class.
/// </summary>
public sealed class BowlerPlateMattingTests : IClassFixture<BowlerPlateMattingTests.Mattes>
{
    private readonly Mattes _mattes;

    public BowlerPlateMattingTests(Mattes mattes) => _mattes = mattes;

    [Fact]
    public async Task No_piece_of_the_foot_board_lies_loose_at_the_hooves()
    {
        var (alphas, width, height) = await _mattes.Result;
        var loose = alphas.Select(a => LooseAtTheFeet(a, width, height)).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"pixels loose at the feet per frame: {string.Join(" ", loose)}");
        Assert.Equal(12, loose.Count);

        // Until flat pieces along the feet's row went with the ground, the fifth cell kept an 84 by 14 strip of the board's
        // dark top edge beside the hind hooves in flight (798 pixels); its top stood 10 rows above the feet, a hoof is 9.
        Assert.All(loose, count => Assert.True(count <= 20, $"{count} pixels of matte loose at the feet"));
    }

    [Fact]
    public async Task The_horse_in_the_folds_shade_is_matted_and_the_shaded_wall_is_not()
    {
        // The book's fold darkens the right third of the last two cells (the wall's grey 0.93 → 0.29 across the last cell),
        // and the horse's head and forelegs stand in it. Boxes read off the cells by eye.
        var (alphas, width, _) = await _mattes.Result;
        double Cover(byte[] alpha, int x0, int y0, int x1, int y1)
        {
            var covered = 0;
            for (var y = y0; y < y1; y++)
            {
                for (var x = x0; x < x1; x++)
                {
                    covered += alpha[y * width + x] >= 128 ? 1 : 0;
                }
            }

            return covered / (double)((x1 - x0) * (y1 - y0));
        }

        var head = Cover(alphas[11], 300, 160, 360, 200);
        var shadedWall = Cover(alphas[11], 380, 220, 440, 300);
        var strip = Cover(alphas[10], 400, 200, 440, 400);
        TestContext.Current.TestOutputHelper?.WriteLine($"last cell: head {head:0.000}, shaded wall {shadedWall:0.000}; eleventh: strip by the edge {strip:0.000}");

        // Measured 0.937, 0; 0.020. Before the shade was evened out: the matte ended in a straight cut at x 307 with a block
        // of shade before it (head 0.082), and the eleventh cell carried a strip of shade from the head down (0.238).
        Assert.True(head >= 0.8, $"the head in the shade covered {head:0.000}");
        Assert.True(shadedWall <= 0.05, $"the shaded wall right of the chest covered {shadedWall:0.000}");
        Assert.True(strip <= 0.08, $"a strip of shade by the eleventh cell's edge covered {strip:0.000}");
    }

    /// <summary>Pixels of the matte (a quarter cover) apart from its largest region within two hooves (4 % of the height) above the region's lowest row or below it.</summary>
    private static int LooseAtTheFeet(byte[] alpha, int width, int height)
    {
        var (labels, _, subject) = LoosePieces.Label(alpha, width, height);
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

    /// <summary>The plate's model-free mattes (clicks 180,260 and 260,170 on the first cell), made once.</summary>
    public sealed class Mattes
    {
        public Task<(List<byte[]> Alphas, int Width, int Height)> Result { get; } = MatteAsync();

        private static async Task<(List<byte[]> Alphas, int Width, int Height)> MatteAsync()
        {
            await using var plate = PlateSource.Open(SharedData.Muybridge("horse-bowler-gallop-plate.jpg"), 2, 6);
            var matter = new SeededMatter([new PointPrompt(180, 260), new PointPrompt(260, 170)]);
            var alphas = new List<byte[]>();
            int width = 0, height = 0;
            await foreach (var frame in matter.ProcessAsync(plate.ReadAsync(CancellationToken.None), CancellationToken.None))
            {
                using (frame)
                {
                    (width, height) = (frame.Width, frame.Height);
                    alphas.Add(frame.Alpha.ToArray());
                }
            }

            return (alphas, width, height);
        }
    }
}
