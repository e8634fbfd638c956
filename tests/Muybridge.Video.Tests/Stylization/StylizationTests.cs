using Muybridge.Video.Frames;
using Muybridge.Video.Pixels;
using Muybridge.Video.Quality;
using Muybridge.Video.Sources;
using Muybridge.Video.Streaming;
using Muybridge.Video.Stylization;

namespace Muybridge.Video.Tests;

public sealed class StylizationTests : PooledTest
{
    internal static string Reference(string name)
        => Path.Combine(SharedData.RepositoryRoot ?? throw new DirectoryNotFoundException($"No repository above {AppContext.BaseDirectory}."), "samples", "references", name);

    /// <summary>horse-in-motion flattened on mid-grey, as the evaluation does.</summary>
    internal static async Task<List<Frame>> HorseAsync(int count, FramePool? pool = null)
    {
        await using var source = ImageFolderSource.Open(SharedData.Muybridge("horse-in-motion"), new ImageFolderOptions { Pool = pool ?? FramePool.Shared });
        var frames = (await TestImages.ReadAllAsync(source)).ToList();
        foreach (var extra in frames.Skip(count))
        {
            extra.Dispose();
        }

        frames = frames.Take(count).ToList();
        frames.ForEach(FrameOps.FlattenOnGrey);

        return frames;
    }

    /// <summary>The warping error the outputs add over the inputs' own, summed over consecutive pairs.</summary>
    internal static double AddedFlicker(IReadOnlyList<Frame> inputs, IReadOnlyList<Frame> outputs)
    {
        var temporal = new TemporalQuality();
        double added = 0;
        for (var i = 1; i < inputs.Count; i++)
        {
            added += temporal.WarpingError(inputs[i - 1], inputs[i], outputs[i - 1], outputs[i]) - temporal.WarpingError(inputs[i - 1], inputs[i], inputs[i - 1], inputs[i]);
        }

        return added;
    }

    /// <summary>The mean warping error of the outputs over consecutive pairs, warped with the inputs' flow.</summary>
    internal static double MeanWarpingError(IReadOnlyList<Frame> inputs, IReadOnlyList<Frame> outputs)
    {
        var temporal = new TemporalQuality();
        return Enumerable.Range(1, inputs.Count - 1).Average(i => temporal.WarpingError(inputs[i - 1], inputs[i], outputs[i - 1], outputs[i]));
    }

    private static async Task<List<Frame>> RunAsync(ReferenceColorizer stage, List<Frame> inputs)
        => await stage.ProcessAsync(inputs.Select(f => f.Clone()).ToAsyncEnumerable(), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_looping_clip_keeps_its_colour_steady_across_the_seam()
    {
        // The buffalo GIF is one clean stride: its last photograph leads straight back into its first.
        await using var source = OpenAnimation("buffalo-gallop.gif");
        var inputs = (await TestImages.ReadAllAsync(source)).ToList();
        var reference = Reference("field-cc0.jpg");
        var open = await RunAsync(ReferenceColorizer.FromFiles(reference), inputs);
        var looped = await RunAsync(ReferenceColorizer.FromFiles(reference, new StyleOptions { Loop = true }), inputs);
        try
        {
            // The colour's flicker along the source's motion (lightness set aside: frame consistency evens out the
            // photographs' own exposure steps too, which differ from step to step), seam against ordinary steps.
            var temporal = new TemporalQuality();
            var last = inputs.Count - 1;
            List<Frame> Colour(List<Frame> outputs) => outputs.Select(ChromaOnly).ToList();
            var colourOpen = Colour(open);
            var colourLooped = Colour(looped);
            double Step(List<Frame> colour, int from, int to) => temporal.WarpingError(inputs[from], inputs[to], colour[from], colour[to]);
            var ordinary = Enumerable.Range(1, last).Select(i => Step(colourLooped, i - 1, i)).Order().ToList();
            var typical = ordinary[ordinary.Count / 2];
            double seamOpen = Step(colourOpen, last, 0), seamLooped = Step(colourLooped, last, 0);
            colourOpen.Concat(colourLooped).ToList().ForEach(f => f.Dispose());
            TestContext.Current.TestOutputHelper?.WriteLine($"colour step at the seam: unprimed {seamOpen:0.0000}, primed {seamLooped:0.0000}; ordinary steps {string.Join(" ", ordinary.Select(o => o.ToString("0.0000")))}");
            // Unprimed, the first frame meets no memory and its colour jumps at the seam; primed, the seam is an ordinary
            // step (within the steps' own spread).
            var usual = ordinary[(int)(0.8 * ordinary.Count)];
            Assert.True(seamOpen > 1.5 * typical, $"the unprimed seam ({seamOpen:0.0000}) is no worse than a typical step ({typical:0.0000}): the test cannot tell");
            Assert.True(seamLooped <= usual, $"seam {seamLooped:0.0000} vs 80 % of steps below {usual:0.0000}");
            Assert.True(seamLooped <= 0.8 * seamOpen, $"seam {seamLooped:0.0000} primed vs {seamOpen:0.0000} not");
            Assert.Equal(inputs.Count, looped.Count);
        }
        finally
        {
            inputs.Concat(open).Concat(looped).ToList().ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task A_looping_stage_that_fails_or_is_stopped_early_releases_every_frame_it_holds()
    {
        var pool = new FramePool();
        var failing = LoopPriming.RunAsync(new SyntheticSource(10, pool: pool).ReadAsync(TestContext.Current.CancellationToken), loop: true, 0.85f,
            frame => { if (frame.Index == 4) throw new InvalidOperationException("stage failed"); }, TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var frame in failing) frame.Dispose();
        });
        Assert.Equal(0, pool.Outstanding);

        var taken = 0;
        await foreach (var frame in LoopPriming.RunAsync(new SyntheticSource(10, pool: pool).ReadAsync(TestContext.Current.CancellationToken), loop: true, 0.85f, _ => { }, TestContext.Current.CancellationToken))
        {
            frame.Dispose();
            if (++taken == 3) break;
        }

        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(0, LoopPriming.FramesFor(0, 16));
        Assert.Equal(15, LoopPriming.FramesFor(0.85f, 16));
        Assert.Equal(19, LoopPriming.FramesFor(0.85f, 100));
    }

    /// <summary>The frame's Oklab colour at one lightness: what a colour flicker changes, apart from brightness.</summary>
    private static Frame ChromaOnly(Frame output)
    {
        var colour = output.CreateSibling();
        var o = output.Rgb;
        var c = colour.Rgb;
        for (var k = 0; k < output.PixelCount; k++)
        {
            var (_, a, b) = Oklab.FromSrgb(o[3 * k], o[3 * k + 1], o[3 * k + 2]);
            (c[3 * k], c[3 * k + 1], c[3 * k + 2]) = Oklab.ToSrgb(0.6f, a, b);
        }

        return colour;
    }

    [Fact]
    public async Task The_colorizer_colours_grey_frames_keeps_their_structure_and_steadies_them_over_time()
    {
        var inputs = await HorseAsync(13, Pool);
        var reference = Reference("field-cc0.jpg");
        var steady = await RunAsync(ReferenceColorizer.FromFiles(reference), inputs);
        var perFrame = await RunAsync(ReferenceColorizer.FromFiles(reference, new StyleOptions { FrameConsistency = 0 }), inputs);
        try
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                Assert.Equal(0, TemporalQuality.Colourfulness(inputs[i]), 3);
                Assert.True(TemporalQuality.Colourfulness(steady[i]) > 0.02, $"frame {i} is still grey");
                Assert.True(ImageQuality.Ssim(steady[i], inputs[i]) >= 0.85, $"frame {i}: structure lost, SSIM {ImageQuality.Ssim(steady[i], inputs[i]):0.000}");
            }

            // The issue's target: at the default frame consistency the warping error is at most half the per-frame one
            // (0.0036 against 0.0084 when measured; the grey input's own is 0.0041, so this needs the grain stilled too).
            double single = MeanWarpingError(inputs, perFrame), smoothed = MeanWarpingError(inputs, steady);
            TestContext.Current.TestOutputHelper?.WriteLine($"warping error: input {MeanWarpingError(inputs, inputs):0.0000}, per frame {single:0.0000}, frame-consistent {smoothed:0.0000} ({smoothed / single:P1})");
            Assert.True(smoothed <= 0.5 * single, $"warping error: per frame {single:0.0000}, frame-consistent {smoothed:0.0000}");
        }
        finally
        {
            inputs.Concat(steady).Concat(perFrame).ToList().ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Frame_consistency_evens_out_the_exposure_steps_between_Muybridges_cameras()
    {
        // The Daisy strip's sixteen cameras were exposed differently: the backdrop's brightness jumps by 5–22 grey levels
        // from one picture to the next.
        await using var source = PlateSource.Open(SharedData.Muybridge("daisy-gallop-strip.png"), 1, 16, slicing: PlateSlicing.EqualCells, keepFrameNumbers: true);
        var inputs = (await TestImages.ReadAllAsync(source)).ToList();
        var reference = Reference("field-cc0.jpg");
        var steady = await RunAsync(ReferenceColorizer.FromFiles(reference), inputs);
        var perFrame = await RunAsync(ReferenceColorizer.FromFiles(reference, new StyleOptions { FrameConsistency = 0 }), inputs);
        try
        {
            static double Jumps(List<Frame> frames) => Enumerable.Range(1, frames.Count - 1).Average(i => Math.Abs(MeanLevel(frames[i]) - MeanLevel(frames[i - 1])));
            double own = MeanWarpingError(inputs, inputs), single = MeanWarpingError(inputs, perFrame), smoothed = MeanWarpingError(inputs, steady);
            TestContext.Current.TestOutputHelper?.WriteLine($"warping error: input {own:0.0000}, per frame {single:0.0000}, frame-consistent {smoothed:0.0000}; mean brightness jump {Jumps(inputs):0.00} / {Jumps(perFrame):0.00} / {Jumps(steady):0.00} levels");
            // Per frame the colour transfer keeps each picture's own exposure; with frame consistency the exposure is
            // evened out (the picture's detail moves only by a small bounded step, so the flicker left is what flow cannot follow).
            Assert.True(Jumps(steady) <= 0.4 * Jumps(inputs), $"brightness still jumps {Jumps(steady):0.00} levels a frame (input {Jumps(inputs):0.00})");
            Assert.True(smoothed < 0.95 * own, $"warping error {smoothed:0.0000} against the input's own {own:0.0000}");
            Assert.True(smoothed < 0.9 * single, $"warping error {smoothed:0.0000} against {single:0.0000} per frame");
            for (var i = 0; i < inputs.Count; i++)
            {
                Assert.True(ImageQuality.Ssim(steady[i], inputs[i]) >= 0.85, $"frame {i}: structure lost, SSIM {ImageQuality.Ssim(steady[i], inputs[i]):0.000}");
            }
        }
        finally
        {
            inputs.Concat(steady).Concat(perFrame).ToList().ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Frame_consistency_draws_no_ghosts_on_the_bowler_plates_ruled_wall()
    {
        // The flow cannot follow the ruled wall across the bowler plate's camera jumps: lightness carried in full left
        // ghost posts and a marbled wall there. The colorizer moves a pixel's own lightness by at most a small step (0.02 ×
        // consistency, either way), so once each frame's exposure offset is set aside, frame-consistent and per-frame
        // outputs lie within two such steps of each other around it.
        await using var source = OpenPlate("horse-bowler-gallop-plate.jpg", 2, 6);
        var inputs = (await TestImages.ReadAllAsync(source)).ToList();
        var reference = Reference("field-cc0.jpg");
        var steady = await RunAsync(ReferenceColorizer.FromFiles(reference), inputs);
        var perFrame = await RunAsync(ReferenceColorizer.FromFiles(reference, new StyleOptions { FrameConsistency = 0 }), inputs);
        try
        {
            var worst = 0.0;
            for (var f = 1; f < inputs.Count; f++)
            {
                // The exposure offset is one grey-level step for the frame, which moves dark and light tones by different
                // amounts of L: set aside as the median difference at each tone.
                var pixels = Enumerable.Range(0, inputs[f].PixelCount).Select(i => (Tone: (int)(Lightness(perFrame[f], i) * 32), Difference: Lightness(steady[f], i) - Lightness(perFrame[f], i))).ToList();
                var offsets = pixels.GroupBy(p => p.Tone).ToDictionary(g => g.Key, g => g.Select(p => p.Difference).Order().ElementAt(g.Count() / 2));
                var spread = pixels.Select(p => Math.Abs(p.Difference - offsets[p.Tone])).Order().ElementAt((int)(0.999 * pixels.Count));
                TestContext.Current.TestOutputHelper?.WriteLine($"frame {f}: 99.9th percentile of the lightness moved beyond the exposure offset {spread:0.000}");
                worst = Math.Max(worst, spread);
            }

            Assert.True(worst <= 0.04, $"a frame's lightness moved {worst:0.000} (Oklab L) beyond its exposure offset: a ghost");
        }
        finally
        {
            inputs.Concat(steady).Concat(perFrame).ToList().ForEach(f => f.Dispose());
        }

        static float Lightness(Frame frame, int i) => Oklab.FromSrgb(frame.Rgb[3 * i], frame.Rgb[3 * i + 1], frame.Rgb[3 * i + 2]).L;
    }

    private static double MeanLevel(Frame frame)
    {
        long sum = 0;
        foreach (var value in frame.Rgb)
        {
            sum += value;
        }

        return sum / (double)frame.Rgb.Length;
    }

    [Fact]
    public async Task The_knobs_do_what_they_say_at_their_ends()
    {
        var inputs = await HorseAsync(1, Pool);
        var reference = Reference("field-cc0.jpg");
        var none = await RunAsync(ReferenceColorizer.FromFiles(reference, new StyleOptions { StyleWeight = 0 }), inputs);
        var toneKept = await RunAsync(ReferenceColorizer.FromFiles(reference, new StyleOptions { StructureConsistency = 1 }), inputs);
        var toneFree = await RunAsync(ReferenceColorizer.FromFiles(reference, new StyleOptions { StructureConsistency = 0, StyleWeight = 1 }), inputs);
        try
        {
            // Style weight 0: the grey frame comes back (Oklab round trip within a level).
            var maxDifference = 0;
            for (var i = 0; i < inputs[0].Rgb.Length; i++)
            {
                maxDifference = Math.Max(maxDifference, Math.Abs(none[0].Rgb[i] - inputs[0].Rgb[i]));
            }

            Assert.True(maxDifference <= 1, $"style weight 0 changed a value by {maxDifference}");

            // Structure 1 keeps every tone; structure 0 follows the reference's tones and loses some of the frame's.
            Assert.True(ImageQuality.Ssim(toneKept[0], inputs[0]) > ImageQuality.Ssim(toneFree[0], inputs[0]));
            Assert.True(ImageQuality.Ssim(toneKept[0], inputs[0]) > 0.95);
        }
        finally
        {
            inputs.Concat(none).Concat(toneKept).Concat(toneFree).ToList().ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task A_subject_reference_colours_the_matted_subject_and_the_background_follows_the_other()
    {
        await using var source = OpenFolder("horse-in-motion");
        var frames = await TestImages.ReadAllAsync(source);
        using var frame = frames[0];
        frames.Skip(1).ToList().ForEach(f => f.Dispose());
        var truth = frame.Alpha.ToArray();
        var colorizer = ReferenceColorizer.FromFiles(Reference("field-cc0.jpg"), subjectReferencePath: Reference("chestnut-palette.png"));
        using var output = (await RunAsync(colorizer, [frame]))[0];

        // Hue of the subject: chestnut (Oklab a and b both clearly positive: red-orange-brown).
        double subjectA = 0, subjectB = 0;
        var count = 0;
        for (var i = 0; i < frame.PixelCount; i++)
        {
            if (truth[i] == 255)
            {
                var (_, a, b) = Oklab.FromSrgb(output.Rgb[3 * i], output.Rgb[3 * i + 1], output.Rgb[3 * i + 2]);
                subjectA += a;
                subjectB += b;
                count++;
            }
        }

        Assert.True(subjectA / count > 0.02 && subjectB / count > 0.02, $"subject colour a {subjectA / count:0.000}, b {subjectB / count:0.000}");
    }

    [Fact]
    public void Bad_references_and_knobs_are_refused_clearly()
    {
        var range = Assert.ThrowsAny<OptionOutOfRangeException>(() => ReferenceColorizer.FromFiles(Reference("field-cc0.jpg"), new StyleOptions { StyleWeight = 1.5f }));
        Assert.Contains("StyleWeight", range.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<OptionOutOfRangeException>(() => ReferenceColorizer.FromFiles(Reference("field-cc0.jpg"), new StyleOptions { FrameConsistency = -0.1f }));
        var missing = Path.Combine(Path.GetTempPath(), "no-such-reference.jpg");
        var error = Assert.ThrowsAny<Exception>(() => ReferenceColorizer.FromFiles(missing));
        Assert.Contains("no-such-reference.jpg", error.Message, StringComparison.Ordinal);
    }
}
