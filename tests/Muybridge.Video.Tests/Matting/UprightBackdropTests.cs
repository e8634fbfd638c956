using Muybridge.Video.Cli.Evaluation;
using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

/// <summary>
/// The model-free matter against the upright things of real plates' backdrops that share the subject's dark tone and
/// touch it: a cell's dark margin, a wall's edge, the book fold's shadow, the shed's posts (<see cref="UprightBackdrop"/>).
/// </summary>
public sealed class UprightBackdropTests : PooledTest
{
    /// <summary>
    /// The wall's columns are read from each frame's own pixels: dark (under 0.35) over four fifths of the rows between
    /// the top and bottom twentieths. The ostrich's body and legs never darken a column that far; the plate's margin on
    /// the first frame and the dark wall edge on the last two do, as the book fold's shadow does on the bowler plate's last
    /// cell. Before the cut the matte covered 33 %, 35 % and 71 % of the ostrich's and 71 % of the fold's; now at most 1 %.
    /// </summary>
    [Theory]
    [InlineData("ostrich-run", 0, 0, 280, 224, 225, 252, 3)]
    [InlineData("horse-bowler-gallop-plate.jpg", 2, 6, 180, 260, 260, 170, 1)]
    public async Task A_cells_dark_margin_and_a_walls_edge_stay_out_of_the_matte(string name, int rows, int columns, int x1, int y1, int x2, int y2, int framesWithAWall)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = rows == 0 ? (IFrameSource)ImageFolderSource.Open(SharedData.Muybridge(name)) : OpenPlate(name, rows, columns);
        var matter = new SeededMatter([new PointPrompt(x1, y1), new PointPrompt(x2, y2)]);
        var report = new List<string>();
        var wallFrames = 0;
        await foreach (var frame in matter.ProcessAsync(source.ReadAsync(ct), ct))
        {
            using (frame)
            {
                var (wall, covered) = WallCover(frame);
                report.Add($"{frame.Index}: {wall} columns, {covered:0.00}");
                Assert.True(covered <= 0.05, $"frame {frame.Index}: the matte covers {covered:P0} of the wall's {wall} columns");

                // A wall, not the few dark columns of a cell's outer edge that every frame has.
                wallFrames += wall >= frame.Width / 20 ? 1 : 0;
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("; ", report));
        Assert.Equal(framesWithAWall, wallFrames);
    }

    /// <summary>
    /// The elephant plate's posts stand on the ground line beside the elephant, from a sixth of the frame down; before they
    /// were cut the matte carried them on frames 13, 18, 23 and 24, 0.75 to 0.89 of the frame tall. Measured here: what of
    /// the matte lies more than 4 px outside ISNet medium's alpha (the ground-band set's fixture) runs at most 0.29 of
    /// the frame's height down any column (the first frame's hind-leg shadow).
    /// </summary>
    [Fact]
    public async Task The_elephant_plates_posts_stay_out_of_the_matte()
    {
        var ct = TestContext.Current.CancellationToken;
        var fixtures = Path.Combine(SharedData.RepositoryRoot!, "tests", "fixtures", "ground-set");
        var matter = new SeededMatter([new PointPrompt(350, 200), new PointPrompt(150, 400)]);
        var tallest = new List<double>();
        await foreach (var frame in matter.ProcessAsync(ImageFolderSource.Open(SharedData.Muybridge("elephant-walk")).ReadAsync(ct), ct))
        {
            using (frame)
            {
                tallest.Add(TallestRunOutside(frame.Alpha, GroundBandSet.ElephantAlpha(fixtures, frame.Index), frame.Width, frame.Height, 4) / (double)frame.Height);
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"tallest run outside the truth per frame: {string.Join(" ", tallest.Select(v => v.ToString("0.00")))}");
        Assert.Equal(24, tallest.Count);
        Assert.All(tallest, v => Assert.True(v <= 0.4, $"a run of matte outside the elephant {v:P0} of the frame tall"));
    }

    /// <summary>
    /// Drawn masks, for what the real plates do not show apart: a wall's edge against a side goes whole unless a click
    /// holds it (an animal cut off by the top of the picture would look the same), and a post crossing the body goes
    /// above and below it while the body keeps its pixels.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_walls_edge_goes_unless_a_click_holds_it_and_a_post_goes_where_it_stands_free(bool clickOnTheEdge)
    {
        const int width = 200, height = 160, border = 6;
        var mask = new bool[width * height];
        bool Body(int x, int y) => (x - 100) * (x - 100) / 1600.0 + (y - 85) * (y - 85) / 625.0 <= 1;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var edge = x >= 170 && x < width - border && y >= border && y < 150;
                var post = x is 120 or 121 && y >= border && y < 150;
                mask[y * width + x] = Body(x, y) || edge || post;
            }
        }

        (int X, int Y, bool Positive)[] clicks = clickOnTheEdge ? [(100, 85, true), (180, 80, true)] : [(100, 85, true)];
        var cut = new bool[mask.Length];
        Assert.True(UprightBackdrop.Cut(mask, width, height, border, clicks, cut));

        int body = 0, bodyKept = 0, edgeKept = 0, postFree = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var kept = mask[y * width + x];
                if (Body(x, y))
                {
                    body++;
                    bodyKept += kept ? 1 : 0;
                }
                else if (x >= 170)
                {
                    edgeKept += kept ? 1 : 0;
                }
                else if (x is 120 or 121)
                {
                    postFree += kept ? 1 : 0;
                }
            }
        }

        Assert.Equal(body, bodyKept);
        Assert.Equal(0, postFree);
        Assert.Equal(clickOnTheEdge ? (width - border - 170) * (150 - border) : 0, edgeKept);
    }

    private static (int Wall, double Covered) WallCover(Frame frame)
    {
        int width = frame.Width, height = frame.Height, margin = height / 20;
        var rgb = frame.Rgb;
        var alpha = frame.Alpha;
        int wall = 0, inWall = 0, covered = 0;
        for (var x = 0; x < width; x++)
        {
            var dark = 0;
            for (var y = margin; y < height - margin; y++)
            {
                var i = 3 * (y * width + x);
                dark += 0.299 * rgb[i] + 0.587 * rgb[i + 1] + 0.114 * rgb[i + 2] < 0.35 * 255 ? 1 : 0;
            }

            if (dark < 0.8 * (height - 2 * margin))
            {
                continue;
            }

            wall++;
            for (var y = 0; y < height; y++)
            {
                inWall++;
                covered += alpha[y * width + x] >= 128 ? 1 : 0;
            }
        }

        return (wall, inWall == 0 ? 0 : covered / (double)inWall);
    }

    /// <summary>The longest run down any column of matte pixels (alpha ≥ 128) farther than <paramref name="slack"/> from the truth's.</summary>
    private static int TallestRunOutside(ReadOnlySpan<byte> matte, byte[] truth, int width, int height, int slack)
    {
        var tallest = 0;
        for (var x = 0; x < width; x++)
        {
            var run = 0;
            for (var y = 0; y < height; y++)
            {
                run = matte[y * width + x] >= 128 && !Near(truth, width, height, x, y, slack) ? run + 1 : 0;
                tallest = Math.Max(tallest, run);
            }
        }

        return tallest;
    }

    private static bool Near(byte[] truth, int width, int height, int x, int y, int slack)
    {
        for (var dy = Math.Max(0, y - slack); dy <= Math.Min(height - 1, y + slack); dy++)
        {
            for (var dx = Math.Max(0, x - slack); dx <= Math.Min(width - 1, x + slack); dx++)
            {
                if (truth[dy * width + dx] >= 128)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
