using Muybridge.Video.Frames;
using Muybridge.Video.Registration;
using Muybridge.Video.Restoration;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

/// <summary>Dust repair on the real sequences: specks planted on one photograph go, the rest of the picture stays.</summary>
public sealed class SpeckRepairTests : PooledTest
{
    private const int Planted = 5;

    [Theory]
    [InlineData("horse-bowler-gallop")]
    [InlineData("elephant-walk")]
    public async Task Specks_planted_on_one_photograph_are_repaired_and_nothing_else_changes(string sequence)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = OpenFolder(sequence);
        var registered = await new BackdropRegistration().ProcessAsync(source.ReadAsync(ct), ct).ToListAsync(ct);
        var dirty = registered.Select(f => f.Clone()).ToList();
        var specks = PlantSpecks(dirty, Planted);
        var clean = await new SpeckRepair().ProcessAsync(registered.Select(f => f.Clone()).ToAsyncEnumerable(), ct).ToListAsync(ct);
        var stage = new SpeckRepair();
        var repaired = await stage.ProcessAsync(dirty.ToAsyncEnumerable(), ct).ToListAsync(ct);
        try
        {
            Assert.Equal(registered.Count, repaired.Count);
            Assert.True(stage.SpecksPerFrame[Planted] >= specks.Count, $"{stage.SpecksPerFrame[Planted]} specks found on frame {Planted}");

            // The planted pixels are back to the photograph's own (the wall where the dust fell).
            var truth = registered[Planted].Rgb.ToArray();
            var output = repaired[Planted].Rgb.ToArray();
            var width = registered[Planted].Width;
            var inside = specks.SelectMany(s => Disc(s.X, s.Y, s.Radius, width)).ToList();
            var worst = inside.Max(i => Math.Abs(output[3 * i] - truth[3 * i]));
            var mean = inside.Average(i => Math.Abs(output[3 * i] - truth[3 * i]));
            Assert.True(worst <= 40 && mean <= 12, $"planted pixels off by {mean:0.0} on average, {worst} at worst; specks at {string.Join(" ", specks)}; found {string.Join(",", stage.SpecksPerFrame)}");

            // Everywhere else the result is what the clean clip gives, and the clean clip is barely touched.
            var near = specks.SelectMany(s => Disc(s.X, s.Y, s.Radius + 2, width)).ToHashSet();
            long differing = 0, touched = 0, total = 0;
            for (var k = 0; k < repaired.Count; k++)
            {
                Span<byte> a = repaired[k].Rgb, b = clean[k].Rgb, c = registered[k].Rgb;
                for (var i = 0; i < registered[k].PixelCount; i++)
                {
                    total++;
                    if (k == Planted && near.Contains(i))
                    {
                        continue;
                    }

                    differing += Math.Abs(a[3 * i] - b[3 * i]) > 2 ? 1 : 0;
                    touched += b[3 * i] != c[3 * i] ? 1 : 0;
                }
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"{sequence}: planted pixels off by {mean:0.0} (worst {worst}); elsewhere {differing} pixels differ from the clean run; the clean run touched {100.0 * touched / total:0.000}% of the clip; specks per frame {string.Join(",", stage.SpecksPerFrame)}");
            Assert.True(differing <= total / 10_000, $"{differing} pixels away from the specks changed");
            Assert.True(touched <= total / 500, $"the clean clip had {touched} of {total} pixels changed");
        }
        finally
        {
            foreach (var f in registered.Concat(clean).Concat(repaired))
            {
                f.Dispose();
            }
        }
    }

    [Fact]
    public async Task Clips_too_short_to_compare_pass_through_unchanged_and_bad_settings_are_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = OpenFolder("horse-bowler-gallop");
        var all = await TestImages.ReadAllAsync(source);
        all.Skip(2).ToList().ForEach(f => f.Dispose());
        var two = all.Take(2).ToList();
        var originals = two.Select(f => f.Rgb.ToArray()).ToList();
        var result = await new SpeckRepair().ProcessAsync(two.ToAsyncEnumerable(), ct).ToListAsync(ct);
        Assert.Equal(2, result.Count);
        Assert.True(result[0].Rgb.SequenceEqual(originals[0]) && result[1].Rgb.SequenceEqual(originals[1]));
        result.ForEach(f => f.Dispose());

        Assert.ThrowsAny<OptionOutOfRangeException>(() => new SpeckRepair(new SpeckRepairOptions { Threshold = 0 }));
        Assert.ThrowsAny<OptionOutOfRangeException>(() => new SpeckRepair(new SpeckRepairOptions { MaxSpeckArea = 0.5 }));
        var mixed = new[] { Solid(64, 48, 200, 200, 200), Solid(64, 40, 200, 200, 200, 1) };
        var error = await Assert.ThrowsAsync<InvalidFrameInputException>(async () => await new SpeckRepair().ProcessAsync(mixed.ToAsyncEnumerable(), ct).ToListAsync(ct));
        Assert.Contains("different sizes", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Drops dark specks of radius 2 and 3 on the plain backdrop of frame <paramref name="k"/>: places where it and both
    /// neighbours are bright and flat, as far apart as can be.
    /// </summary>
    private static List<(int X, int Y, int Radius)> PlantSpecks(List<Frame> frames, int k)
    {
        var (width, height) = (frames[k].Width, frames[k].Height);
        var lumas = new[] { TestImages.Luma(frames[k - 1]), TestImages.Luma(frames[k]), TestImages.Luma(frames[k + 1]) };
        var margin = Math.Min(width, height) / 10;
        var plain = new List<(int X, int Y)>();
        for (var y = margin; y < height - margin; y += 6)
        {
            for (var x = margin; x < width - margin; x += 6)
            {
                if (lumas.All(l => IsPlain(l, width, x, y)))
                {
                    plain.Add((x, y));
                }
            }
        }

        Assert.True(plain.Count >= 2, "no plain backdrop to plant specks on");
        var first = plain[0];
        var second = plain.MaxBy(p => (p.X - first.X) * (p.X - first.X) + (p.Y - first.Y) * (p.Y - first.Y));
        List<(int X, int Y, int Radius)> specks = [(first.X, first.Y, 3), (second.X, second.Y, 2)];
        var rgb = frames[k].Rgb;
        foreach (var i in specks.SelectMany(s => Disc(s.X, s.Y, s.Radius, width)))
        {
            rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = 20;
        }

        return specks;
    }

    private static bool IsPlain(float[] luma, int width, int cx, int cy)
    {
        float low = 255, high = 0;
        // Plain as far as the repair looks for a counterpart (its match radius) plus the flow's wander on a bare wall: dust
        // ten pixels from one of the bowler wall's dark lines is taken for a piece of that line when the flow drifts to it.
        const int reach = 12;
        for (var y = cy - reach; y <= cy + reach; y++)
        {
            for (var x = cx - reach; x <= cx + reach; x++)
            {
                low = Math.Min(low, luma[y * width + x]);
                high = Math.Max(high, luma[y * width + x]);
            }
        }

        return low > 110f / 255 && high - low < 60f / 255;
    }

    private static IEnumerable<int> Disc(int cx, int cy, int radius, int width)
    {
        for (var y = -radius; y <= radius; y++)
        {
            for (var x = -radius; x <= radius; x++)
            {
                if (x * x + y * y <= radius * radius)
                {
                    yield return (cy + y) * width + cx + x;
                }
            }
        }
    }
}
