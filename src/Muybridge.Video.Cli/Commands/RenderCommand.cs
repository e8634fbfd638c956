using System.CommandLine;
using Muybridge.Video.Cli.Cluster;
using Muybridge.Video.Compositing;
using Muybridge.Video.Interpolation;
using Muybridge.Video.Matting;
using Muybridge.Video.Onnx;
using Muybridge.Video.Onnx.Catalog;
using Muybridge.Video.Onnx.Matting;
using Muybridge.Video.Onnx.Recipes;
using Muybridge.Video.Recipes;
using Muybridge.Video.Restoration;

namespace Muybridge.Video.Cli.Commands;

/// <summary><c>muybridge render</c>: the whole chain, input to finished clip: parse → <see cref="RenderRecipe"/> → run.</summary>
internal static class RenderCommand
{
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
        var providers = CommonOptions.Providers();
        var interpolate = new Option<int>("--interpolate") { Description = "Frames out per frame in (2 = twice as smooth; 1 = none).", DefaultValueFactory = _ => 1 }.Within(1, 64);
        var loop = CommonOptions.Loop("Without a hitch: the last→first seam is interpolated too, colour (--reference, --style-model) and matte smoothing (--temporal) start from the clip's end (holding the clip in memory), and the background is nudged to be back in place at the seam.");
        var matteModel = new Option<string?>("--matte-model") { Description = $"The matter for the clicks: a catalogue name in the model cache (isnet-medium, isnet-small, u2net), a model file, or {BestAvailable.ModelFree}. Default: {BestAvailable.DefaultMatter} when it is in the cache, else the model-free matter (the step's line says why)." };
        var fetchModels = new Option<bool>("--fetch-models") { Description = $"Fetch {BestAvailable.DefaultMatter} into the model cache first (verified SHA-256, resumable); offline, the model-free matter runs and says why." };
        var matteOn = new Option<MatteOrder>("--matte-on") { Description = "Which frames are matted: SourceFrames (default: once per photograph, the matte carried to the in-betweens by the same flow) or OutputFrames (every finished frame).", DefaultValueFactory = _ => MatteOrder.SourceFrames };
        var keepGround = new Option<bool>("--keep-ground-band") { Description = "Model-free matter: keep a ground strip, foot board or shadow band the matte ends in under the legs (by default it is cut, a hoof's height under them kept)." };
        var noHair = new Option<bool>("--no-soften-hair") { Description = "Keep the matte's hard edge where it is thin and moving (default: a tail or mane gets a soft edge)." };
        var upscale = new Option<int>("--upscale") { Description = "Enlarge 2× or 4× after colouring (1 = off).", DefaultValueFactory = _ => 1 };
        var upscaleModel = new Option<string?>("--upscale-model") { Description = "A Real-ESRGAN ONNX export for --upscale (default: Lanczos)." };
        var background = new Option<string?>("--background") { Description = "Background image to composite the matted subject over (needs --point). Without it, clicks write the cut-outs (RGBA)." };
        var scroll = new Option<double?>("--scroll") { Description = "Background scroll speed in output pixels per second. Default: the ground speed read from the subject's planted hooves on the first matted frames (same pass), so the hooves do not skate; 120 when no hoof is seen planted in two frames in a row." };
        var matchGround = new Option<bool>("--match-ground") { Description = "Insist on the ground speed from the planted hooves: fails clearly, rather than falling back, when it cannot be measured; not with --scroll." };
        var speed = new Option<double>("--speed") { Description = "Playback speed (2 = twice as fast).", DefaultValueFactory = _ => 1 }.Within(0.01, 100);
        var loops = new Option<int>("--loops") { Description = "Times the clip plays in a row.", DefaultValueFactory = _ => 1 }.Within(1, 1000);
        var width = new Option<int?>("--width") { Description = "Output width when compositing (default: the frame width)." }.Within(1, 16384);
        var height = new Option<int?>("--height") { Description = "Output height when compositing (default: the frame height)." }.Within(1, 16384);
        var subjectScale = new Option<double>("--subject-scale") { Description = "Subject height as a fraction of the output height.", DefaultValueFactory = _ => 1 };
        var baseline = new Option<double>("--baseline") { Description = "Where the subject frame's bottom edge goes, as a fraction of the output height (1 = the bottom).", DefaultValueFactory = _ => 1 };
        var feather = CommonOptions.Feather();
        var temporal = CommonOptions.Temporal();
        var writeManifest = new Option<string?>("--write-manifest") { Description = "Also write a manifest (arguments, inputs and models with SHA-256, the steps that ran) that `render --manifest` replays." };
        var restore = new Option<bool>("--restore") { Description = "Restore the plate first, as `muybridge restore` does: collapse repeated frames, even out the tone, repair dust (each step can be left out with its --keep-duplicates / --no-tone / --no-despeckle switch; --stride trims to one gait cycle)." };
        // How a cluster runs its parts of `cluster render` (Cluster/ClusterPart): not for users, so hidden from the help.
        var clusterPlan = new Option<string?>("--cluster-plan") { Hidden = true };
        var clusterSegment = new Option<string?>("--cluster-segment") { Hidden = true };
        var clusterOutput = new Option<string?>("--cluster-output") { Hidden = true };
        var clusterJoin = new Option<string[]>("--cluster-join") { Hidden = true };
        var manifest = new Option<string?>("--manifest") { Description = "Replay a render from its manifest (checks every input and model is unchanged): `muybridge render --manifest render.json`." };

        var command = new Command("render", "Run the whole chain: read, restore, register, matte (on the source frames), interpolate, colour or style, upscale, retime, composite over a background scrolling at the ground speed, write (and record a manifest). Prints one line per step saying what runs and where.")
        { restore, interpolate, loop, points, negatives, matteModel, fetchModels, matteOn, keepGround, noHair, feather, temporal, upscale, upscaleModel, providers, background, scroll, matchGround, width, height, subjectScale, baseline, speed, loops, fps, outputs, contactSheet, writeManifest, manifest,
            clusterPlan, clusterSegment, clusterOutput, clusterJoin,
        };
        input.AddTo(command);
        how.AddTo(command);
        style.AddTo(command);
        restoration.AddTo(command);
        sceneOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            input.RefuseOverwriting(parse, parse.GetValue(outputs) ?? []);
            var prompts = CommonOptions.ParsePoints(parse.GetValue(points), parse.GetValue(negatives));
            var backgroundPath = parse.GetValue(background);
            if (backgroundPath is not null && prompts.Length == 0)
            {
                throw new UsageException("--background composites the matted subject: give at least one --point on the subject.");
            }

            if (backgroundPath is null && sceneOptions.AnyGiven(parse) is { } scenery)
            {
                throw new UsageException($"{scenery} shapes the background: add --background.");
            }

            if (parse.GetValue(matchGround) && backgroundPath is null)
            {
                throw new UsageException("--match-ground sets the background's speed: add --background.");
            }

            if (parse.GetValue(matchGround) && parse.GetValue(scroll) is not null)
            {
                throw new UsageException("--match-ground and --scroll both set the background's speed: give one.");
            }

            if (parse.GetValue(upscale) is not (1 or 2 or 4))
            {
                throw new UsageException($"--upscale takes 2 or 4 (1 = off), not {parse.GetValue(upscale)}.");
            }

            if (parse.GetValue(upscaleModel) is not null && parse.GetValue(upscale) == 1)
            {
                throw new UsageException("--upscale-model enlarges: add --upscale 2 or 4.");
            }

            if (how.Model(parse) is not null && parse.GetValue(interpolate) == 1 && !parse.GetValue(loop))
            {
                throw new UsageException("--interpolation-model makes in-betweens: add --interpolate 2 (or more) or --loop.");
            }

            if (parse.GetValue(matteModel) is not null && prompts.Length == 0)
            {
                throw new UsageException("--matte-model mattes from clicks: give at least one --point on the subject.");
            }

            if (parse.GetValue(writeManifest) is { } manifestTarget)
            {
                RenderManifest.CheckWritable(manifestTarget);
            }

            var restoring = parse.GetValue(restore);
            if (!restoring && restoration.AnyGiven(parse) is { } stray)
            {
                throw new UsageException($"{stray} shapes the restoration: add --restore.");
            }

            if (parse.GetValue(clusterJoin) is { Length: > 0 } segments)
            {
                await ClusterPart.JoinAsync(segments, parse.GetValue(speed), parse.GetValue(loops), parse.GetValue(outputs)!, parse.GetValue(contactSheet), parse.GetValue(fps), ct);
                return;
            }

            var shadow = sceneOptions.Shadow(parse);
            var session = CommonOptions.Session(parse.GetValue(providers));
            var cache = new ModelCache();
            var looping = parse.GetValue(loop);
            await using var source = await input.OpenAsync(parse, ct);
            foreach (var prompt in prompts)
            {
                prompt.EnsureInside(source.Info.Width, source.Info.Height);
            }

            if (parse.GetValue(fetchModels) && prompts.Length > 0 && parse.GetValue(matteModel) is null)
            {
                await FetchDefaultMatterAsync(cache, ct);
            }

            // Each step's stage: what the user named, else the best this machine has; owned here and released after the run.
            var register = how.Register(parse, input.IsPlate(parse));
            var (preparation, stride) = restoring ? restoration.Stages(parse, register) : ([], null);
            using var matter = prompts.Length == 0 ? null : BestAvailable.Matter(parse.GetValue(matteModel), prompts,
                new SalientMatterOptions { Session = session, Refinement = new MatteRefinementOptions { Feather = (float)parse.GetValue(feather), TemporalSmoothing = parse.GetValue(temporal), Loop = looping } }, cache);
            var interpolating = parse.GetValue(interpolate) > 1 || looping;
            using var interpolator = !interpolating ? null
                : how.NonDefaultMethod(parse) is { } method ? new ChosenStage<IFrameInterpolator>(method, method.Name, null)
                : BestAvailable.Interpolator(how.Model(parse), session, cache);
            using var stylizer = style.Create(parse, looping, session);
            using var upscaler = parse.GetValue(upscale) == 1 ? null : BestAvailable.Upscaler(parse.GetValue(upscaleModel), parse.GetValue(upscale), session);
            using var scene = backgroundPath is null ? null : sceneOptions.Build(ScrollingBackground.FromFile(backgroundPath, 0), parse);

            var recipe = new RenderRecipe
            {
                Preparation = preparation,
                Register = register && !restoring,
                Loop = looping,
                Interpolation = interpolator is null ? null : new InterpolationStep { Factor = Math.Max(1, parse.GetValue(interpolate)), Interpolator = interpolator.Stage, Description = interpolator.Description },
                Matting = matter is null ? null : new MattingStep
                {
                    Clicks = prompts,
                    Matter = matter.Stage,
                    Description = matter.Description,
                    ModelFree = new SeededMatterOptions { Feather = parse.GetValue(feather), TemporalSmoothing = parse.GetValue(temporal), Loop = looping, CutGroundBand = !parse.GetValue(keepGround) },
                    Hair = parse.GetValue(noHair) ? null : new HairSofteningOptions(),
                    On = parse.GetValue(matteOn),
                },
                Style = stylizer is null ? null : new StyleStep { Stylizer = stylizer },
                Upscale = upscaler is null ? null : new UpscaleStep { Scale = parse.GetValue(upscale), Upscaler = upscaler.Stage, Description = upscaler.Description },
                Composition = scene is null ? null : new CompositionStep
                {
                    Background = scene,
                    Options = new CompositeOptions { Width = parse.GetValue(width), Height = parse.GetValue(height), SubjectScale = parse.GetValue(subjectScale), Baseline = parse.GetValue(baseline), Shadow = shadow },
                    ScrollSpeed = parse.GetValue(scroll),
                    RequireGroundSpeed = parse.GetValue(matchGround),
                },
                Speed = parse.GetValue(speed),
                Loops = parse.GetValue(loops),
            };
            if (parse.GetValue(clusterPlan) is { } planFile)
            {
                await ClusterPart.WritePlanAsync(planFile, source, recipe, ct);
                return;
            }

            if (parse.GetValue(clusterSegment) is { } segment)
            {
                await ClusterPart.RenderSegmentAsync(segment, parse.GetValue(clusterOutput) ?? throw new UsageException("--cluster-segment needs --cluster-output."), source, recipe, ct);
                return;
            }

            var plan = recipe.Build(source, Console.WriteLine);
            foreach (var step in plan.Steps)
            {
                Console.WriteLine(step);
            }

            await CommandRunner.WriteAsync(plan.Pipeline, parse.GetValue(outputs)!, parse.GetValue(contactSheet), parse.GetValue(fps), ct);
            if (plan.MatteConfidence?.Advice() is { } advice)
            {
                Console.WriteLine(advice);
            }
            if (matter?.Stage is SalientObjectMatter model)
            {
                Console.WriteLine($"matte: {model.Card.Name} ran {model.Runs} time(s), once per source frame matted");
            }

            RestorationOptions.Report(stride);
            if (parse.GetValue(writeManifest) is { } manifestPath)
            {
                var (styleInputs, styleModels) = style.Files(parse);
                var inputs = input.Inputs(parse).Concat(backgroundPath is null ? [] : [backgroundPath]).Concat(sceneOptions.Files(parse)).Concat(styleInputs);
                var models = styleModels.Concat(new[] { interpolator?.ModelPath, matter?.ModelPath, upscaler?.ModelPath }.OfType<string>());
                var arguments = RenderManifest.Recorded(parse.Tokens.Select(t => t.Value).ToList());
                var provider = stylizer is IOnnxStage styled ? styled.ActiveProvider.ToString() : "none (model-free)";
                await new RenderManifest(RenderManifest.CurrentFormat, $"muybridge {typeof(RenderCommand).Assembly.GetName().Version}", arguments,
                    inputs.Select(RenderManifest.Hash).ToList(), models.Select(RenderManifest.Hash).ToList(), plan.Pipeline.Stages.Select(s => s.Name).ToList(), provider)
                { Steps = plan.Steps.Select(s => s.ToString()).ToList() }.WriteAsync(manifestPath, ct);
                Console.WriteLine($"manifest: {manifestPath}");
            }
        }, cancellationToken));
        return command;
    }

    // Offline or refused, the run goes on with what the cache has; the matte step's line then says why.
    private static async Task FetchDefaultMatterAsync(ModelCache cache, CancellationToken cancellationToken)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            var statuses = await new ModelDownloader(cache, http).FetchAsync(ModelCatalog.Find(BestAvailable.DefaultMatter), DownloadBar.Create(), cancellationToken);
            TerminalProgress.Finish();
            foreach (var status in statuses)
            {
                Console.WriteLine($"fetch: {BestAvailable.DefaultMatter} {status.State.ToString().ToLowerInvariant()} in {status.Path} (sha256 {status.ActualSha256})");
            }
        }
        catch (ModelDownloadException e)
        {
            TerminalProgress.Finish();
            Console.WriteLine($"fetch: {BestAvailable.DefaultMatter} could not be fetched ({e.Message})");
        }
    }
}
