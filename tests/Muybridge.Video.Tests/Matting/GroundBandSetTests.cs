using Muybridge.Video.Cli.Evaluation;
using Muybridge.Video.Matting;

namespace Muybridge.Video.Tests;

/// <summary>
/// The model-free matter on real plate backdrops with a ground band and a foot board (<see cref="GroundBandSet"/>): the
/// horse-in-motion cut-outs and the elephant (ISNet medium's alpha, a fixture) on the bowler plate's foot board and the
/// ostrich's ground band. Issue #25's target is a mean IoU of 0.92 with no frame under 0.85; these bounds hold the level
/// reached (docs/matting.md), a little under the measured figures, so a change that loses ground fails.
/// </summary>
public sealed class GroundBandSetTests
{
    private static string Fixtures => Path.Combine(SharedData.RepositoryRoot!, "tests", "fixtures", "ground-set");

    [Fact]
    public async Task On_real_ground_bands_the_matte_keeps_to_the_animal_and_says_where_it_is_unsure()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenes = await GroundBandSet.LoadAsync(Path.Combine(SharedData.Root, "data", "muybridge"), Fixtures, ct);
        try
        {
            // Measured: 0.962, 0.909, 0.977, 0.961 (mean over frames 0.957); before the carried matte pulled harder deep inside
            // the body (the elephant's lit back) and pieces loose at the feet's level went with the ground: 0.960, 0.905,
            // 0.966, 0.951 (0.949); before a hole held a frame ago stayed filled
            // (the horse's white coat patches over the board, open on frames 4-5): 0.941 for the first. Before that: 0.938,
            // 0.905, 0.966, 0.951; before the local colour models: 0.929, 0.885, 0.941, 0.941; before white patches on the coat were told from a lined wall by its range: 0.899 for the first;
            // before the band's edge and loose pieces went with the band: 0.899, 0.872, 0.913, 0.727 on the set's earlier
            // elephant truth; before the carried matte and the bottom-edge ground rule: 0.542, 0.588, 0.878, 0.471.
            var floor = new Dictionary<string, double> { ["horse bowler-board"] = 0.95, ["horse ostrich-band"] = 0.895, ["elephant bowler-board"] = 0.965, ["elephant ostrich-band"] = 0.95 };
            var method = new MattingEvaluation.Method("model-free", clicks => new SeededMatter(clicks));
            var scores = await GroundBandEvaluation.RunAsync(scenes, [method], null, TextWriter.Null, ct);
            foreach (var score in scores)
            {
                var key = $"{score.Subject} {score.Backdrop}";
                TestContext.Current.TestOutputHelper?.WriteLine($"{key}: mean {score.Iou.Average():0.000}, worst {score.Iou.Min():0.000}, slab frames {score.Slab.Count(s => s > 0.02)}");
                Assert.True(score.Iou.Average() >= floor[key], $"{key}: mean IoU {score.Iou.Average():0.000} < {floor[key]}");
            }

            // Issue #25's "no drift": no frame more than 0.05 below its scene's first. The elephant's lit back (frames 5-6, a
            // bite from its outline as pale as the wall) fell to 0.899 over the board and 0.859 over the band (first 0.962)
            // before the carried matte pulled harder deep inside the body; now 0.958 and 0.914.
            foreach (var score in scores)
            {
                Assert.True(score.Iou.Min() >= score.Iou[0] - 0.05, $"{score.Subject} over {score.Backdrop}: worst frame {score.Iou.Min():0.000}, first {score.Iou[0]:0.000}");
            }

            // Frames under issue #25's 0.85: none of 74; the worst is the elephant's lit back over the band, 0.859 (0.842
            // before what the carried matte held counted for the hole fill, 2 frames under before the fill carried on, 6
            // before the local colour models).
            Assert.True(scores.Sum(s => s.Iou.Count(v => v < 0.85)) == 0, "frames under 0.85");

            // The horse's white coat patches over the board: the worst frame 0.944 (0.816, frame 4, before).
            Assert.True(scores.Single(s => s.Subject == "horse" && s.Backdrop == "bowler-board").Iou.Min() >= 0.92, "a white coat patch over the board left open");

            // The band under the horse's first frame is ragged along the frame's bottom edge (0.628 while it was measured on
            // the last row alone; 0.888 measured over the last rows).
            Assert.True(scores.Single(s => s.Subject == "horse" && s.Backdrop == "ostrich-band").Iou[0] >= 0.85, "the horse's first frame over the ostrich band took the band");

            // The horse's matte no longer takes the foot board or the band: a slab on at most a few frames (13 of 13 before).
            Assert.True(scores.Where(s => s.Subject == "horse").Sum(s => s.Slab.Count(v => v > 0.02)) <= 6);

            // The elephant's over the board: a dark piece of the board level with its feet but loose from them stayed from frame
            // 6 on (18 of 24 frames with a slab) until loose pieces reaching no higher than a hoof above the feet's lowest row
            // went with the ground: 7, each where the board touches a foot.
            Assert.True(scores.Single(s => s.Subject == "elephant" && s.Backdrop == "bowler-board").Slab.Count(v => v > 0.02) <= 8, "a piece of the board loose under the elephant");

            // Nor the elephant's over the ostrich's band, whose edge it took in strips beside its feet (1 of 24 frames; 24
            // before the strip went with the band).
            Assert.True(scores.Single(s => s.Subject == "elephant" && s.Backdrop == "ostrich-band").Slab.Count(v => v > 0.02) <= 3);
        }
        finally
        {
            scenes.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task Frames_the_matter_is_unsure_of_are_the_worse_ones()
    {
        // On the set as it is, the frames under the threshold are the elephant's lit back over the board (frames 5-6 and
        // 10), where the colours call the back wall: until stop 38 they were the worst frames too (0.895 against 0.946,
        // one frame; 0.840 against 0.925, six frames, before stop 34), and since the carried matte holds the body's depth
        // they are matted as well as the rest (0.968 against 0.957), so they no longer tell the worse frames. What the
        // threshold is for still needs a frame the picture does not support: here two frames of each scene fade to the
        // backdrop's grey (a camera that caught too little light), and the matte there is both worse and flagged.
        var ct = TestContext.Current.CancellationToken;
        var scenes = await GroundBandSet.LoadAsync(Path.Combine(SharedData.Root, "data", "muybridge"), Fixtures, ct);
        try
        {
            var low = new List<double>();
            var high = new List<double>();
            var fadedFlagged = 0;
            foreach (var scene in scenes)
            {
                foreach (var f in Faded)
                {
                    Fade(scene.Composites[f], scene.Truth[f]);
                }

                var clicks = GroundBandEvaluation.TwoClicks(scene);
                var log = new MatteConfidenceLog();
                var matter = new SeededMatter(clicks);
                await foreach (var matted in log.ProcessAsync(matter.ProcessAsync(scene.Composites.Select(f => f.Clone()).ToAsyncEnumerable(), ct), ct))
                {
                    using (matted)
                    {
                        Assert.NotNull(matted.MatteConfidence);
                        var iou = TestImages.Iou(matted.Alpha, scene.Truth[matted.Index]);
                        var flagged = matted.MatteConfidence < log.Threshold;
                        (flagged ? low : high).Add(iou);
                        fadedFlagged += flagged && Faded.Contains(matted.Index) ? 1 : 0;
                    }
                }

                Assert.Equal(log.LowFrames.Count, log.LowFrames.Select(l => l.Frame).Distinct().Count());
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"below {MatteConfidenceLog.DefaultThreshold}: {low.Count} frames ({fadedFlagged} of {Faded.Length * scenes.Count} faded), mean IoU {low.Average():0.000}; above: {high.Count}, {high.Average():0.000}");
            Assert.True(fadedFlagged >= 3, $"{fadedFlagged} faded frames flagged");
            Assert.True(low.Average() < high.Average() - 0.05, $"low-confidence frames {low.Average():0.000} vs the rest {high.Average():0.000}");
        }
        finally
        {
            scenes.ForEach(s => s.Dispose());
        }
    }

    private static readonly int[] Faded = [6, 7];

    /// <summary>Takes the subject most of the way to the backdrop's median colour, its own shading kept at a fifth.</summary>
    private static void Fade(Frames.Frame frame, byte[] truth)
    {
        var rgb = frame.Rgb;
        for (var c = 0; c < 3; c++)
        {
            var backdrop = new List<byte>();
            for (var i = 0; i < truth.Length; i++)
            {
                if (truth[i] < 128) backdrop.Add(rgb[3 * i + c]);
            }

            backdrop.Sort();
            var median = backdrop[backdrop.Count / 2];
            for (var i = 0; i < truth.Length; i++)
            {
                if (truth[i] >= 128) rgb[3 * i + c] = (byte)(median + (rgb[3 * i + c] - median) / 5);
            }
        }
    }
}
