using Muybridge.Video.Compositing;
using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Onnx.Matting;
using Muybridge.Video.Registration;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

/// <summary>The ground speed is read from the subject's planted hooves, steadily, on real Muybridge frames.</summary>
public sealed class GroundSpeedTests : PooledTest
{
    [Fact]
    public async Task The_horse_in_motion_cut_outs_give_one_steady_ground_speed()
    {
        // Real cut-outs with their own alpha (The Horse in Motion, 1878). By hand from the mattes: the hoof on the ground
        // line at columns 148–173 in 08.png stands at 102–125 in 09.png, 46 px to the left.
        await using var source = OpenFolder("horse-in-motion");
        var frames = await TestImages.ReadAllAsync(source);
        try
        {
            var speed = GroundSpeed.Measure(frames);
            Report(speed);
            Assert.InRange(speed.PixelsPerFrame, -48, -42);
            Assert.True(speed.AgreeingSteps >= 2, $"only {speed.AgreeingSteps} planted hoof followed");
            Assert.InRange(speed.Steps.Max(s => s.PixelsPerFrame) - speed.Steps.Min(s => s.PixelsPerFrame), 0, 2);
            // 12 frames a second; a subject drawn twice its size needs the background twice as fast, scrolling leftwards.
            Assert.Equal(speed.PixelsPerFrame * 12, speed.PixelsPerSecond, 0.01);
            Assert.Equal(-2 * speed.PixelsPerSecond, speed.ScrollSpeed(scale: 2), 0.01);
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task The_bowler_gallop_gives_one_ground_speed_in_every_stride_and_the_plate_shows_steps_of_its_own()
    {
        // The separately published frames (480×320), registered and matted from two clicks: the planted hooves of the first
        // and the last stride agree within a fifth of a step (−47 and −40 px), as the registered frames show them (registration's offsets
        // enter each step: see below). Matted by the colour models alone: with the backdrop plate (the default) one step is
        // followed, not two (−47 px).
        var published = await MeasureAsync(OpenFolder("horse-bowler-gallop"), [new(240, 160), new(288, 144)], new SeededMatterOptions { BackdropFrames = 0 });
        Report(published);
        Assert.InRange(published.PixelsPerFrame, -50, -40);
        // The first and the last stride's hooves agree (a step the matte's edge adds elsewhere is outvoted).
        var agreeing = published.Steps.Where(s => Math.Abs(s.PixelsPerFrame - published.PixelsPerFrame) <= 0.1 * -published.PixelsPerFrame).ToList();
        Assert.True(agreeing.Select(s => s.Frame).Distinct().Count() >= 2, "hooves followed in only one pair of frames");
        Assert.Contains(agreeing, s => s.Frame == 0);

        // The plate's own cells (446 wide), matted from three clicks (body, head, a foreleg: with two, the legs are lost
        // where they meet the dark ground). By hand on the published frames, the planted forefoot and the wall's post move
        // together by −52/−53, −62/−64 and −66 px from frame to frame (each camera stood further along): −50, −59 and
        // −63 at the plate's scale. The published frames' −45/−40 above are smaller because registration on the finely
        // ruled wall locks onto the ruling, not the camera jump, and its wandering offsets enter every registered step
        // (docs/compositing.md, "Ground speed"). The plate's cells, registered the same way, fall within the hand-measured range.
        var plate = await MeasureAsync(OpenPlate("horse-bowler-gallop-plate.jpg", 2, 6), [new(180, 260), new(260, 170), new(320, 330)]);
        Report(plate);
        Assert.True(plate.AgreeingSteps >= 2, $"the plate shows {plate.AgreeingSteps} agreeing planted steps");
        Assert.True(plate.PixelsPerFrame < 0, "the plate's ground runs the wrong way");
        Assert.InRange(plate.PixelsPerFrame, -63, -50);
    }

    [Fact]
    public void Steps_that_vary_by_a_few_pixels_around_the_speed_agree_and_a_swinging_leg_is_outvoted()
    {
        // A textured hoof planted on the ground line, moved between frames by a gallop's uneven steps (-14 ± 4 px) and once
        // the other way (+9: a leg swinging forward, caught on the ground line). The ISNet buffalo in the Derby gave
        // exactly these steps; held to a quarter of the median alone (3.5 px) only three of six agreed and it was refused.
        int[] steps = [-14, -10, -14, -18, -14, 9];
        const int width = 200, height = 100;
        var frames = new List<Frame>();
        try
        {
            var x0 = 150;
            for (var k = 0; k <= steps.Length; k++)
            {
                var frame = Blank(width, height);
                frame.Index = k;
                frame.Timestamp = TimeSpan.FromSeconds(k / 12.0);
                frame.Rgb.Fill(200);
                var alpha = frame.EnsureAlpha(0);
                for (var y = 80; y < 90; y++)
                {
                    for (var x = 0; x < 12; x++)
                    {
                        var i = y * width + x0 + x;
                        frame.Rgb.Slice(3 * i, 3).Fill((byte)(40 + (x * 37 + y * 91 + x * y * 13) % 150));
                        alpha[i] = 255;
                    }
                }

                frames.Add(frame);
                if (k < steps.Length)
                {
                    x0 += steps[k];
                }
            }

            var speed = GroundSpeed.Measure(frames);
            Report(speed);
            Assert.Equal(steps, speed.Steps.Select(s => (int)Math.Round(s.PixelsPerFrame)));
            Assert.Equal(5, speed.AgreeingSteps);
            Assert.Equal(-14, speed.PixelsPerFrame, 0.01);
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Where_the_buffalos_hooves_disagree_the_grounds_own_texture_settles_the_speed()
    {
        // The buffalo GIF matted from two clicks without a model: the matte takes in patches of ground, and the steps it
        // follows run from -52 to +46 px. By hand (frames 12 → 13) the planted forefoot moves about 14 px to the left, and
        // the pebbles beside it with it; ISNet's matte gives -14 from five hoof steps of six (docs/recipe.md).
        await using var source = AnimatedImageSource.Open(SharedData.Muybridge("buffalo-gallop.gif"));
        var frames = await TestImages.ReadAllAsync(Pipeline.From(source).Matte([new(112, 69), new(135, 62)], new SeededMatterOptions { CutGroundBand = false }));
        try
        {
            var speed = GroundSpeed.Measure(frames);
            Report(speed);
            Assert.NotEmpty(speed.TextureSteps);
            // The hooves alone do not agree (that is why the texture was heard).
            var hooves = speed.Steps.Select(s => s.PixelsPerFrame).ToArray();
            Assert.True(hooves.Count(h => Math.Abs(h - speed.PixelsPerFrame) <= GroundSpeed.Tolerance(speed.PixelsPerFrame)) < 0.6 * hooves.Length, "the hooves agree on their own");
            Assert.InRange(speed.PixelsPerFrame, -18, -11);
            Assert.True(speed.TextureSteps.Count(s => s.PixelsPerFrame is >= -18 and <= -9) >= 0.7 * speed.TextureSteps.Count, "the ground's texture steps scatter");
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task The_cats_small_alike_feet_settle_the_speed_by_the_shift_their_matches_share()
    {
        // The cat plate's cells (153×99), registered and matted from two clicks without a model. Its feet are a few pixels
        // of dark fur, all alike: the five sure matches (0.6 and over) scatter from -5 to -27 px, and the plain sand gives
        // the texture nothing to follow. By hand on the registered cells, the planted forefoot moves 12–15 px to the left
        // from frame 0 to 1 and the planted hind foot 10–13 px from frame 4 to 5 (later cells, where registration
        // wanders, show 17–27 px). Before the consensus the ground speed was refused and the background fell back to 120 px/s.
        var speed = await MeasureAsync(OpenPlate("cat-gallop-plate.jpg", 4, 5), [new(76, 49), new(92, 44)]);
        Report(speed);
        Assert.NotEmpty(speed.ConsensusSteps);
        Assert.Empty(speed.TextureSteps);
        Assert.True(speed.ConsensusSteps.Select(s => s.Frame).Distinct().Count() >= 2, "the consensus comes from one pair of frames");
        Assert.InRange(speed.PixelsPerFrame, -15, -9);
        Assert.Equal(speed.ConsensusSteps.Count, speed.AgreeingSteps);
        Assert.True(SureStepsNear(speed) < 2, "two sure steps agree on their own: the consensus was not needed");
    }

    [Fact]
    public async Task ISNets_ostrich_feet_outvote_its_one_sure_step()
    {
        // ISNet medium's mattes of the ostrich run (500×560, its feet on the frame's bottom rows): one hoof match reaches
        // 0.6 (-28 px, frames 3 → 4), the rest stay at 0.34–0.57. By hand, the planted foot at columns 290–307 on frame 1
        // stands at 233–250 on frame 2 (-57 px), and that one at 190–203 on frame 3 (-43…-47 px); the model-free matte's
        // sure steps give -53 (docs/compositing.md). The lone step was taken until the summed matches outvoted it.
        var model = ModelCacheData.Require("isnet-medium.onnx");
        await using var source = OpenFolder("ostrich-run");
        using var matter = new SalientObjectMatter(model, [new PointPrompt(280, 224), new PointPrompt(225, 252)]);
        var frames = await TestImages.ReadAllAsync(Pipeline.From(source).Then(matter));
        try
        {
            var speed = GroundSpeed.Measure(frames);
            Report(speed);
            Assert.True(speed.ConsensusSteps.Count >= 2, $"{speed.ConsensusSteps.Count} hoof contacts share the shift");
            Assert.InRange(speed.PixelsPerFrame, -57, -43);
            Assert.True(SureStepsNear(speed) < 2, "two sure steps agree on their own: the consensus was not needed");
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public void Disagreeing_hooves_over_textured_ground_take_the_grounds_step_and_over_bare_ground_are_refused()
    {
        // A body on one leg whose hoof is on the ground line in two pairs of frames and moves +30 and -40 px there (a matte
        // that wanders), over ground scrolling 20 px to the left per frame. Textured ground gives -20; bare ground cannot.
        const int width = 240, height = 120, step = -20;
        int[] leg = [100, 130, 115, 140, 100, 120, 110, 125];
        bool[] planted = [true, true, false, true, true, false, false, false];
        List<Frame> Draw(bool textured)
        {
            var frames = new List<Frame>();
            for (var k = 0; k < leg.Length; k++)
            {
                var frame = Blank(width, height);
                frame.Index = k;
                frame.Timestamp = TimeSpan.FromSeconds(k / 12.0);
                frame.Rgb.Fill(200);
                frame.EnsureAlpha(0);
                for (var y = 80; y < height; y++)
                {
                    for (var x = 0; x < width; x++)
                    {
                        // Not periodic: a hash of the ground's own position, which moves by `step` per frame.
                        var g = x - step * k;
                        var shade = textured ? (byte)(90 + (g * 7919 % 101 + g * g % 37) % 120) : (byte)140;
                        frame.Rgb.Slice(3 * (y * width + x), 3).Fill(shade);
                    }
                }

                void Paint(int x0, int y0, int w, int h, Func<int, int, byte> shade)
                {
                    for (var y = y0; y < y0 + h; y++)
                    {
                        for (var x = x0; x < x0 + w; x++)
                        {
                            frame.Rgb.Slice(3 * (y * width + x), 3).Fill(shade(x - x0, y - y0));
                            frame.Alpha[y * width + x] = 255;
                        }
                    }
                }

                Paint(60, 30, 120, 40, (_, _) => 60);
                var foot = planted[k] ? 100 : 92;
                Paint(leg[k], 70, 10, foot - 70, (x, y) => (byte)(30 + (x * 37 + y * 91 + x * y * 13) % 150));
                frames.Add(frame);
            }

            return frames;
        }

        var textured = Draw(textured: true);
        var bare = Draw(textured: false);
        try
        {
            var speed = GroundSpeed.Measure(textured);
            Report(speed);
            Assert.Equal([30, -40], speed.Steps.Select(s => (int)Math.Round(s.PixelsPerFrame)));
            Assert.Equal(leg.Length - 1, speed.TextureSteps.Count);
            Assert.Equal(step, speed.PixelsPerFrame, 0.01);
            var refused = Assert.Throws<InvalidFrameInputException>(() => GroundSpeed.Measure(bare));
            Assert.Contains("disagree", refused.Message);
            Assert.Contains("nothing to follow", refused.Message);
        }
        finally
        {
            textured.ForEach(f => f.Dispose());
            bare.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Frames_without_a_matte_or_too_few_frames_are_refused()
    {
        await using var source = OpenFolder("elephant-walk");
        var frames = await TestImages.ReadAllAsync(source);
        try
        {
            var noMatte = Assert.Throws<InvalidFrameInputException>(() => GroundSpeed.Measure(frames));
            Assert.Contains("matte", noMatte.Message);
            var one = Assert.Throws<InvalidFrameInputException>(() => GroundSpeed.Measure(frames.Take(1).ToList()));
            Assert.Contains("two frames", one.Message);
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    private static async Task<GroundSpeedMeasurement> MeasureAsync(IFrameSource source, PointPrompt[] clicks, SeededMatterOptions? options = null)
    {
        await using (source)
        {
            var frames = await TestImages.ReadAllAsync(Pipeline.From(source).Register().Matte(clicks, (options ?? new SeededMatterOptions()) with { CutGroundBand = false }));
            try
            {
                return GroundSpeed.Measure(frames);
            }
            finally
            {
                frames.ForEach(f => f.Dispose());
            }
        }
    }

    private static void Report(GroundSpeedMeasurement speed)
        => TestContext.Current.TestOutputHelper?.WriteLine($"ground {speed.PixelsPerFrame:0.#} px/frame ({speed.AgreeingSteps} of {speed.Steps.Count + speed.TextureSteps.Count} steps agree: {string.Join(", ", speed.Steps.Select(s => $"frame {s.Frame} {s.PixelsPerFrame:0} px at column {s.Column:0}, match {s.Match:0.00}"))}; ground's texture: {string.Join(", ", speed.TextureSteps.Select(s => $"{s.PixelsPerFrame:0}"))}; consensus: {string.Join(", ", speed.ConsensusSteps.Select(s => $"frame {s.Frame} {s.PixelsPerFrame:0} px, match {s.Match:0.00}"))})");

    /// <summary>How many sure steps (at least <see cref="GroundSpeed.MinimumMatch"/>) lie within the agreement tolerance of the speed found.</summary>
    private static int SureStepsNear(GroundSpeedMeasurement speed)
        => speed.Steps.Count(s => Math.Abs(s.PixelsPerFrame - speed.PixelsPerFrame) <= GroundSpeed.Tolerance(speed.PixelsPerFrame));
}
