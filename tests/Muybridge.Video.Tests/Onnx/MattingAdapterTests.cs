using Muybridge.Video.Compositing;
using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Onnx.Matting;
using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests.Onnx;

/// <summary>
/// U²-Net and RVM cannot be downloaded here: their adapters run against signature fixtures with the exports' exact
/// inputs and outputs (tests/fixtures/make_signature_fixtures.py), whose bodies make layout and recurrence checkable.
/// </summary>
public sealed class MattingAdapterTests : PooledTest
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    /// <summary>The first horse-in-motion frame over light grey, and its true alpha.</summary>
    private async Task<(Frame Composite, byte[] Truth)> DarkHorseOnLightAsync()
    {
        await using var source = OpenFolder("horse-in-motion");
        var frames = await TestImages.ReadAllAsync(source);
        using var light = Blank(400, 300);
        light.Rgb.Fill(200);
        using var scene = ScrollingBackground.FromFrame(light, 0);
        var composite = new Compositor(scene).Composite(frames[0]);
        composite.RemoveAlpha();
        var truth = frames[0].Alpha.ToArray();
        frames.ForEach(f => f.Dispose());
        return (composite, truth);
    }

    private static async Task<double> IouAsync(SalientObjectMatter matter, Frame composite, byte[] truth)
    {
        using var matted = await matter.ProcessAsync(new[] { composite.Clone() }.ToAsyncEnumerable(), TestContext.Current.CancellationToken).SingleAsync(TestContext.Current.CancellationToken);
        return TestImages.Iou(matted.Alpha, truth);
    }

    [Fact]
    public async Task U2net_fixture_lands_its_matte_on_the_dark_horse_through_the_salient_matter()
    {
        var (composite, truth) = await DarkHorseOnLightAsync();
        using (composite)
        using (var matter = new SalientObjectMatter(Fixture("u2net_signature.onnx"), [new PointPrompt(245, 169)], new SalientMatterOptions { CatalogName = "u2net" }))
        {
            // The fixture's "matte" is only darkness (the coat's pale patches and the soft halo are lost at 320 px), measured
            // 0.65; a frame placed, scaled or normalised wrongly scores near 0.
            var iou = await IouAsync(matter, composite, truth);
            Assert.True(iou > 0.6, $"IoU {iou:0.000}");
        }
    }

    [Fact]
    public async Task Sam_fixtures_take_the_letterboxed_frame_and_the_clicks_and_return_a_full_size_mask()
    {
        // Two dark blocks on light grey, joined by a dark bar: the fixture's mask is "dark", cut by the clicks and the box.
        using var frame = Blank(400, 300);
        frame.Rgb.Fill(200);
        void Dark(int x0, int y0, int x1, int y1)
        {
            for (var y = y0; y < y1; y++)
            {
                frame.Rgb.Slice(3 * (y * 400 + x0), 3 * (x1 - x0)).Fill(20);
            }
        }

        Dark(300, 100, 390, 200);
        Dark(40, 120, 120, 220);
        Dark(120, 160, 300, 176);
        var ct = TestContext.Current.CancellationToken;
        string encoder = Fixture("sam_encoder_signature.onnx"), decoder = Fixture("sam_decoder_signature.onnx");
        using var sam = new SegmentAnythingMatter(encoder, decoder, [new PointPrompt(345, 150)], new SegmentAnythingOptions { Refinement = MatteRefinementOptions.None });
        using var matted = await sam.ProcessAsync(new[] { frame.Clone() }.ToAsyncEnumerable(), ct).SingleAsync(ct);
        int Left(Frame f, int row) => Enumerable.Range(0, 400).First(x => f.Alpha[row * 400 + x] >= 128);
        int Right(Frame f, int row) => Enumerable.Range(0, 400).Last(x => f.Alpha[row * 400 + x] >= 128);

        // The right block comes back where it is, to a pixel or two, through letterbox, 64x64 embedding and crop.
        Assert.InRange(Right(matted, 110), 387, 391);
        Assert.InRange(Left(matted, 110), 298, 302);
        Assert.InRange(Enumerable.Range(0, 300).First(y => matted.Alpha[y * 400 + 345] >= 128), 98, 102);
        Assert.True(matted.Alpha[170 * 400 + 80] >= 128, "the bar joins the left block to the clicked one");

        // A box around the right block keeps it and cuts the rest away.
        using var boxed = new SegmentAnythingMatter(encoder, decoder, [new PointPrompt(345, 150)], new SegmentAnythingOptions { Refinement = MatteRefinementOptions.None }, [new BoxPrompt(290, 90, 109, 120)]);
        using var inBox = await boxed.ProcessAsync(new[] { frame.Clone() }.ToAsyncEnumerable(), ct).SingleAsync(ct);
        Assert.True(inBox.Alpha[150 * 400 + 345] >= 128);
        Assert.Equal(0, inBox.Alpha[170 * 400 + 80]);

        var swapped = Assert.Throws<ModelContractException>(() => new SegmentAnythingMatter(Fixture("sam_decoder_signature.onnx"), Fixture("sam_encoder_signature.onnx"), [new PointPrompt(1, 1)]));
        Assert.Contains("images", swapped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rvm_feeds_each_frames_recurrent_state_into_the_next()
    {
        using var matter = new RobustVideoMatter(Fixture("rvm_signature.onnx"), [new PointPrompt(10, 10)], new RobustVideoMatterOptions { Refinement = MatteRefinementOptions.None });
        await AssertTheRvmFixtureMatteRisesFrameByFrameAsync(matter, Pool);
    }

    /// <summary>
    /// Eight flat frames through the RVM fixture, whose matte is 0.1 × the frames seen before: it rises only if each run's
    /// recurrent states reach the next run.
    /// </summary>
    internal static async Task AssertTheRvmFixtureMatteRisesFrameByFrameAsync(RobustVideoMatter matter, FramePool? pool = null)
    {
        var frames = Enumerable.Range(0, 8).Select(i =>
        {
            var f = Frame.Create(64, 48, pool);
            f.Rgb.Fill(100);
            f.Index = i;
            return f;
        }).ToAsyncEnumerable();
        var alphas = new List<byte>();
        await foreach (var frame in matter.ProcessAsync(frames, TestContext.Current.CancellationToken))
        {
            using (frame)
            {
                Assert.All(frame.Alpha.ToArray(), a => Assert.Equal(frame.Alpha[0], a));
                alphas.Add(frame.Alpha[0]);
            }
        }

        // pha = 0.1 × (number of frames seen before): under the 0.5 threshold for frames 0–4, then selected.
        Assert.Equal([0, 0, 0, 0, 0], alphas.Take(5));
        Assert.InRange(alphas[6], 153, 154);
        Assert.InRange(alphas[7], 178, 179);
    }

    [Fact]
    public void A_file_that_is_not_rvm_is_refused_naming_both_signatures()
    {
        var error = Assert.Throws<ModelContractException>(() => new RobustVideoMatter(Fixture("u2net_signature.onnx"), [new PointPrompt(1, 1)]));
        Assert.Contains("r1i", error.Message, StringComparison.Ordinal);
        Assert.Contains("input.1", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Model matters refine frame by frame; with <see cref="MatteRefinementOptions.Loop"/> their temporal smoothing moves to
    /// a primed pass over their output, so the first frame is held against the last as on the clip's second time round.
    /// </summary>
    [Fact]
    public async Task A_model_matters_looping_smoothing_starts_from_the_clips_end()
    {
        var ct = TestContext.Current.CancellationToken;
        var (composited, _) = await TestImages.HorseOverDaisyWallAsync();
        try
        {
            async Task<List<byte[]>> MatteAsync(IEnumerable<Frame> frames, bool loop)
            {
                var refinement = new MatteRefinementOptions { TemporalSmoothing = 0.7f, Loop = loop };
                using var matter = new SalientObjectMatter(Fixture("u2net_signature.onnx"), [new PointPrompt(245, 169)], new SalientMatterOptions { CatalogName = "u2net", Refinement = refinement });
                var mattes = new List<byte[]>();
                await foreach (var matted in matter.ProcessAsync(frames.Select(f => f.Clone()).ToAsyncEnumerable(), ct))
                {
                    using (matted)
                    {
                        mattes.Add(matted.Alpha.ToArray());
                    }
                }

                return mattes;
            }

            var cold = await MatteAsync(composited, loop: false);
            var looped = await MatteAsync(composited, loop: true);
            var steady = (await MatteAsync(composited.Concat(composited), loop: false)).Skip(composited.Count).ToList();
            static double Gap(byte[] a, byte[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Average();
            double coldGap = Gap(cold[0], steady[0]), loopGap = Gap(looped[0], steady[0]);
            TestContext.Current.TestOutputHelper?.WriteLine($"first frame vs the second time round: cold {coldGap:0.000}, looped {loopGap:0.000} levels; later frames looped vs cold {Gap(looped[5], cold[5]):0.000}");
            // Measured: 4.44 levels cold, 0.04 looped (a model keeps no colour models, so priming leaves nothing over).
            Assert.True(loopGap < 0.1 * coldGap, $"first frame off the steady state by {loopGap:0.000} looped, {coldGap:0.000} cold");
            Assert.Equal(composited.Count, looped.Count);
        }
        finally
        {
            composited.ForEach(f => f.Dispose());
        }
    }
}
