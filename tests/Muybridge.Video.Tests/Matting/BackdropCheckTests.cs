using Muybridge.Video.Frames;
using Muybridge.Video.Matting;

namespace Muybridge.Video.Tests;

/// <summary>
/// The check a model matter runs on its matte: the horse-in-motion cut-outs over the field photograph, every other frame's
/// true matte with a disc of the ground under the belly added (what ISNet does on this backdrop: it takes in the dark
/// furrows between the legs). Where the frames around show that ground, the disc goes; the horse stays.
/// </summary>
public sealed class BackdropCheckTests : PooledTest
{
    private const int Radius = 12;

    [Fact]
    public async Task A_patch_of_ground_the_matte_took_in_is_cut_and_the_horse_is_kept()
    {
        var (frames, truth) = await TestImages.HorseOverFieldAsync();
        var counts = Check(frames, truth);
        TestContext.Current.TestOutputHelper?.WriteLine($"still camera: {counts}");
        // Not all: where a leg splits a disc, a crescent smaller than the check's least region is left, by design (specks
        // of a matte that match the ground by chance are not cut). 1394 of 1668 when written.
        Assert.True(counts.SeenCut >= 0.75 * counts.Seen, $"cut {counts.SeenCut} of the {counts.Seen} added pixels whose ground two other frames show");
        Assert.True(counts.HorseCut <= 0.005 * counts.Horse, $"cut {counts.HorseCut} of {counts.Horse} horse pixels");
        frames.ForEach(f => f.Dispose());
    }

    [Fact]
    public async Task When_the_camera_pans_the_frames_do_not_agree_on_the_ground_and_nothing_is_cut()
    {
        var (frames, truth) = await TestImages.HorseOverFieldAsync(pixelsPerSecond: 240);
        var counts = Check(frames, truth);
        TestContext.Current.TestOutputHelper?.WriteLine($"panning camera: {counts}");
        Assert.True(counts.Seen > 1000, $"only {counts.Seen} added pixels have their ground seen in other frames");
        Assert.True(counts.AddedCut <= 0.05 * counts.Added, $"cut {counts.AddedCut} of {counts.Added} added ground pixels");
        Assert.True(counts.HorseCut <= 0.005 * counts.Horse, $"cut {counts.HorseCut} of {counts.Horse} horse pixels");
        frames.ForEach(f => f.Dispose());
    }

    private sealed record Counts(int Added, int AddedCut, int Seen, int SeenCut, int Horse, int HorseCut);

    /// <summary>
    /// Runs the check over the whole clip; counts what it cut of the added discs (all of them, and the pixels whose ground
    /// at least two other frames leave uncovered, the only ones it can know) and of the true horse.
    /// </summary>
    private static Counts Check(List<Frame> frames, List<byte[]> truth)
    {
        int width = frames[0].Width, height = frames[0].Height, n = width * height;
        var mattes = new List<float[]>();
        var added = new List<bool[]>();
        for (var f = 0; f < frames.Count; f++)
        {
            var matte = truth[f].Select(a => a / 255f).ToArray();
            var disc = new bool[n];

            // Under the belly: the first clear row below the body at this column, the disc's centre a little further; only
            // pixels the cut-out leaves wholly clear, since its soft fringe and shadow are not bare ground.
            var (cx, y) = (245, 169);
            while (y < height - 1 && truth[f][y * width + cx] >= 128) y++;
            var cy = y + Radius - 2;
            for (var p = 0; f % 2 == 0 && p < n; p++)
            {
                int dx = p % width - cx, dy = p / width - cy;
                if (dx * dx + dy * dy <= Radius * Radius && truth[f][p] == 0)
                {
                    disc[p] = true;
                    matte[p] = 1f;
                }
            }

            mattes.Add(matte);
            added.Add(disc);
        }

        var seen = added.Select((disc, f) => disc.Select((d, p) => d && mattes.Where((_, g) => g != f).Count(m => m[p] < 0.1f) >= 2).ToArray()).ToList();
        var check = new BackdropCheck(frames.Count);
        for (var f = 0; f < frames.Count; f++)
        {
            check.Add(frames[f], mattes[f]);
        }

        var clicks = new List<(float X, float Y, bool Positive)> { (245, 169, true) };
        for (var f = 0; f < frames.Count; f++)
        {
            check.Apply(f, 0, frames.Count - 1, clicks);
        }

        int addedTotal = 0, addedCut = 0, seenTotal = 0, seenCut = 0, horse = 0, horseCut = 0;
        for (var f = 0; f < frames.Count; f++)
        {
            for (var p = 0; p < n; p++)
            {
                var cut = mattes[f][p] < 0.5f;
                if (added[f][p])
                {
                    addedTotal++;
                    addedCut += cut ? 1 : 0;
                    seenTotal += seen[f][p] ? 1 : 0;
                    seenCut += seen[f][p] && cut ? 1 : 0;
                }
                else if (truth[f][p] >= 128)
                {
                    horse++;
                    horseCut += cut ? 1 : 0;
                }
            }
        }

        return new Counts(addedTotal, addedCut, seenTotal, seenCut, horse, horseCut);
    }
}
