using System.CommandLine;
using Muybridge.Video.Compositing;
using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Restoration;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Cli.Commands;

/// <summary><c>muybridge render</c>: the whole pipeline, input to finished clip.</summary>
internal static class RenderCommand
{
    /// <summary>Output pixels per second the background scrolls at when neither --scroll nor the hooves give a speed.</summary>
    private const double FallbackScroll = 120;

    public static Command Create()
    {
        var input = new InputOptions();
        var how = new InterpolationOptions();
        var style = new StyleOptionsGroup();
        var restoration = new RestorationOptions();
        var sceneOptions = new SceneOptions();
        var outputs = CommonOptions.Outputs();
        var fps = CommonOptions.Fps();
        var points = CommonOptions.Points();
        var negatives = CommonOptions.Negatives();
        var contactSheet = CommonOptions.ContactSheet();
        var interpolate = new Option<int>("--interpolate") { Description = "Frames out per frame in (2 = twice as smooth).", DefaultValueFactory = _ => 1 };
        var loop = new Option<bool>("--loop") { Description = "The clip loops without a hitch: the last→first seam is interpolated too, colour (--reference, --style-model) and matte smoothing (--temporal) start from the clip's end (holding the clip in memory), and the background is nudged to be back in place at the seam." };
        var background = new Option<string?>("--background") { Description = "Background image to composite the matted subject over (needs --point)." };
        var scroll = new Option<double?>("--scroll") { Description = $"Background scroll speed in output pixels per second. Default: the ground speed read from the subject's planted hooves (a first pass mattes the frames), so the hooves do not skate; {FallbackScroll} when no hoof is seen planted in two frames in a row." };
        var matchGround = new Option<bool>("--match-ground") { Description = "Insist on the ground speed from the planted hooves: fails clearly, rather than falling back, when it cannot be measured; not with --scroll." };
        var speed = new Option<double>("--speed") { Description = "Playback speed (2 = twice as fast).", DefaultValueFactory = _ => 1 };
        var loops = new Option<int>("--loops") { Description = "Times the clip plays in a row.", DefaultValueFactory = _ => 1 };
        var width = new Option<int?>("--width") { Description = "Output width when compositing (default: the frame width)." };
        var height = new Option<int?>("--height") { Description = "Output height when compositing (default: the frame height)." };
        var subjectScale = new Option<double>("--subject-scale") { Description = "Subject height as a fraction of the output height.", DefaultValueFactory = _ => 1 };
        var baseline = new Option<double>("--baseline") { Description = "Where the subject frame's bottom edge goes, as a fraction of the output height (1 = the bottom).", DefaultValueFactory = _ => 1 };
        var feather = new Option<double>("--feather") { Description = "Matte edge softness in pixels.", DefaultValueFactory = _ => 1.5 };
        var temporal = new Option<float>("--temporal") { Description = "0…1: keep this much of the previous frame's matte where the image did not change (as `matte --temporal`; with --loop it starts from the clip's end)." };
        var writeManifest = new Option<string?>("--write-manifest") { Description = "Also write a manifest (arguments, inputs and models with SHA-256, stages, provider) that `render --manifest` replays." };
        var restore = new Option<bool>("--restore") { Description = "Restore the plate first, as `muybridge restore` does: collapse repeated frames, even out the tone, repair dust (each step can be left out with its --keep-duplicates / --no-tone / --no-despeckle switch; --stride trims to one gait cycle)." };
        var manifest = new Option<string?>("--manifest") { Description = "Replay a render from its manifest (checks every input and model is unchanged): `muybridge render --manifest render.json`." };

        var command = new Command("render", "Run the whole pipeline: read, restore, register, interpolate, matte, colour or style, retime, composite over a scrolling background, write (and record a manifest).")
        { restore, interpolate, loop, points, negatives, feather, temporal, background, scroll, matchGround, width, height, subjectScale, baseline, speed, loops, fps, outputs, contactSheet, writeManifest, manifest,
        };
        input.AddTo(command);
        how.AddTo(command);
        style.AddTo(command);
        restoration.AddTo(command);
        sceneOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            var prompts = CommonOptions.ParsePoints(parse.GetValue(points), parse.GetValue(negatives));
            var backgroundPath = parse.GetValue(background);
            if (backgroundPath is not null && prompts.Length == 0)
            {
                throw new ArgumentException("--background composites the matted subject: give at least one --point on the subject.");
            }

            if (backgroundPath is null && sceneOptions.AnyGiven(parse) is { } scenery)
            {
                throw new ArgumentException($"{scenery} shapes the background: add --background.");
            }

            var shadow = sceneOptions.Shadow(parse);

            await using var source = await input.OpenAsync(parse, ct);
            foreach (var prompt in prompts)
            {
                prompt.EnsureInside(source.Info.Width, source.Info.Height);
            }

            var restoring = parse.GetValue(restore);
            if (!restoring && restoration.AnyGiven(parse) is { } stray)
            {
                throw new ArgumentException($"{stray} shapes the restoration: add --restore.");
            }

            var matting = new SeededMatterOptions { Feather = parse.GetValue(feather), TemporalSmoothing = parse.GetValue(temporal), Loop = parse.GetValue(loop) };
            var (pipeline, stride) = Prepared(source);

            using var interpolator = parse.GetValue(interpolate) > 1 || parse.GetValue(loop) ? new DisposableInterpolator(how.Create(parse)) : null;
            if (interpolator is not null)
            {
                pipeline = pipeline.Interpolate(interpolator.Value, Math.Max(1, parse.GetValue(interpolate)), parse.GetValue(loop));
            }

            if (prompts.Length > 0)
            {
                pipeline = pipeline.Matte(prompts, matting);
            }

            var stylizer = style.Create(parse, parse.GetValue(loop));
            using var ownedStylizer = stylizer as IDisposable;
            if (stylizer is not null)
            {
                // Depth (ground plane, the matte standing on it) shapes the colour; the stylizer reads it.
                pipeline = pipeline.EstimateDepth().Then(stylizer);
            }

            // Retimed before compositing, so the background scrolls in the output's own seconds and keeps going through
            // the repeats instead of jumping back at each one.
            if (parse.GetValue(speed) != 1 || parse.GetValue(loops) != 1)
            {
                pipeline = pipeline.Retime(parse.GetValue(speed), parse.GetValue(loops));
            }

            if (parse.GetValue(matchGround) && backgroundPath is null)
            {
                throw new ArgumentException("--match-ground sets the background's speed: add --background.");
            }

            if (parse.GetValue(matchGround) && parse.GetValue(scroll) is not null)
            {
                throw new ArgumentException("--match-ground and --scroll both set the background's speed: give one.");
            }

            var scrollSpeed = backgroundPath is null ? 0
                : parse.GetValue(scroll) is { } asked ? asked
                : parse.GetValue(matchGround) ? await GroundScrollAsync(ct)
                : await GroundScrollOrFallbackAsync(ct);
            using var scene = backgroundPath is null ? null : LoopedScene(sceneOptions.Build(ScrollingBackground.FromFile(backgroundPath, scrollSpeed), parse));
            if (scene is not null)
            {
                pipeline = pipeline.Composite(scene, new CompositeOptions { Width = parse.GetValue(width), Height = parse.GetValue(height), SubjectScale = parse.GetValue(subjectScale), Baseline = parse.GetValue(baseline), Shadow = shadow });
            }

            // Read, restore and register: what every frame goes through before interpolation.
            (Pipeline Pipeline, StrideLoop? Stride) Prepared(IFrameSource from)
            {
                var prepared = restoring ? restoration.BeforeRegistration(Pipeline.From(from), parse) : Pipeline.From(from);
                if (how.Register(parse, input.IsPlate(parse)))
                {
                    prepared = prepared.Register();
                }

                return restoring ? restoration.AfterRegistration(prepared, parse) : (prepared, null);
            }

            // The hooves are followed on the frames as the compositor gets them before interpolation (registered,
            // restored, matted from the same clicks); their speed is in source pixels per second of the clip's own time.
            async Task<double> GroundScrollAsync(CancellationToken token)
            {
                await using var again = await input.OpenAsync(parse, token);
                var matted = new List<Frame>();
                try
                {
                    await foreach (var frame in Prepared(again).Pipeline.Matte(prompts, matting).StreamAsync(token))
                    {
                        matted.Add(frame);
                    }

                    var ground = GroundSpeed.Measure(matted);
                    var outputHeight = parse.GetValue(height) ?? matted[0].Height;
                    var scale = outputHeight * parse.GetValue(subjectScale) / matted[0].Height;
                    var pixelsPerSecond = ground.ScrollSpeed(scale, parse.GetValue(speed));
                    Console.WriteLine($"ground: {ground.PixelsPerFrame:0.#} px per frame from {ground.AgreeingSteps} planted hoof step(s) of {ground.Steps.Count}; background at {pixelsPerSecond:0.#} px/s");
                    if (ground.Steps.Count == 1)
                    {
                        // One step cannot be checked against another: say so rather than pass it off as a measurement.
                        Console.WriteLine("ground: only one planted step was seen, so nothing confirms it; if the hooves skate, click the legs too (--point) or give --scroll");
                    }

                    return pixelsPerSecond;
                }
                finally
                {
                    matted.ForEach(f => f.Dispose());
                }
            }

            // The default: the ground's speed where the hooves show it, else a steady canter across the frame, and why.
            async Task<double> GroundScrollOrFallbackAsync(CancellationToken token)
            {
                try
                {
                    return await GroundScrollAsync(token);
                }
                catch (InvalidFrameInputException e)
                {
                    Console.WriteLine($"ground: {e.Message} The background scrolls at {FallbackScroll} px/s instead (--scroll sets it).");
                    return FallbackScroll;
                }
            }

            // A looping clip gets a background that is back where it started when the clip starts again (needs the clip's
            // length up front: evenly timed frames, not trimmed by the restoration).
            ScrollingBackground LoopedScene(ScrollingBackground asked)
            {
                if (!parse.GetValue(loop) || restoring || source.Info.FrameCount is not { } count || asked.PixelsPerSecond == 0)
                {
                    return asked;
                }

                using (asked)
                {
                    var clip = count / source.Info.FramesPerSecond / parse.GetValue(speed) * parse.GetValue(loops);
                    var outputHeight = parse.GetValue(height) ?? source.Info.Height;
                    var looped = asked.LoopingOver(TimeSpan.FromSeconds(clip), outputHeight);
                    Console.WriteLine($"background: {asked.PixelsPerSecond:0.#} px/s nudged to {looped.PixelsPerSecond:0.#} px/s so it is back where it started when the clip loops");
                    var repeats = Math.Max(1, (int)Math.Round(asked.TileWidth(outputHeight) / Math.Abs(asked.PixelsPerSecond) / clip * parse.GetValue(loops)));
                    if (Math.Abs(looped.PixelsPerSecond / asked.PixelsPerSecond - 1) > 0.25 && repeats != parse.GetValue(loops))
                    {
                        Console.WriteLine($"background: --loops {repeats} would keep it near {asked.PixelsPerSecond:0.#} px/s (one width of the background per pass of the whole clip)");
                    }

                    return looped;
                }
            }

            await CommandRunner.WriteAsync(pipeline, parse.GetValue(outputs)!, parse.GetValue(contactSheet), parse.GetValue(fps), ct);
            RestorationOptions.Report(stride);
            if (parse.GetValue(writeManifest) is { } manifestPath)
            {
                var (styleInputs, styleModels) = style.Files(parse);
                var inputs = input.Inputs(parse).Concat(backgroundPath is null ? [] : [backgroundPath]).Concat(sceneOptions.Files(parse)).Concat(styleInputs);
                var models = styleModels.Concat(how.Model(parse) is { } rife ? [rife] : []);
                var arguments = new List<string>();
                var tokens = parse.Tokens.Select(t => t.Value).ToList();
                for (var i = 0; i < tokens.Count; i++)
                {
                    if (tokens[i] == "--write-manifest")
                    {
                        i++;
                        continue;
                    }

                    arguments.Add(tokens[i]);
                }

                var provider = stylizer is Onnx.Stylization.FastStyleStylizer styled ? styled.ActiveProvider.ToString() : "none (model-free)";
                await new RenderManifest(RenderManifest.CurrentFormat, $"muybridge {typeof(RenderCommand).Assembly.GetName().Version}", arguments,
                    inputs.Select(RenderManifest.Hash).ToList(), models.Select(RenderManifest.Hash).ToList(), pipeline.Stages.Select(s => s.Name).ToList(), provider).WriteAsync(manifestPath, ct);
                Console.WriteLine($"manifest: {manifestPath}");
            }
        }, cancellationToken));
        return command;
    }
}
