using Muybridge.Video.Compositing;
using Muybridge.Video.Depth;
using Muybridge.Video.Interpolation;
using Muybridge.Video.Matting;
using Muybridge.Video.Registration;
using Muybridge.Video.Sources;
using Muybridge.Video.Timing;
using Muybridge.Video.Upscaling;

namespace Muybridge.Video.Recipes;

/// <summary>Turns a <see cref="RenderRecipe"/> into a pipeline, in one streaming pass.</summary>
internal static class RecipeBuilder
{
    public static RenderPlan Build(RenderRecipe recipe, IFrameSource source, Action<string>? log)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(source);
        Validate(recipe);
        var steps = new List<RecipeStep>();
        var pipeline = Pipeline.From(source);
        foreach (var stage in recipe.Preparation)
        {
            pipeline = pipeline.Then(stage);
            steps.Add(new("prepare", stage.Name));
        }

        if (recipe.Register)
        {
            pipeline = pipeline.Register();
            steps.Add(new("register", "backdrop registration"));
        }

        // The clip's length as the matter and the interpolator see it: what the loop's background must come back over.
        var sourceFrames = pipeline.EstimateFrameCount();
        GroundSpeedProbe? probe = null;
        MatteConfidenceLog? confidence = null;
        var upscaleAfterMatte = 1;
        var matting = recipe.Matting;
        if (matting is { On: MatteOrder.SourceFrames })
        {
            pipeline = Matte(pipeline, matting, recipe, steps, out probe, out confidence);
            upscaleAfterMatte = recipe.Upscale?.Scale ?? 1;
        }

        if (recipe.Interpolation is { } interpolation)
        {
            pipeline = interpolation.Interpolator is { } interpolator
                ? pipeline.Then(new InterpolationStage(interpolator, interpolation.Factor, recipe.Loop))
                : pipeline.Interpolate(interpolation.Factor, recipe.Loop);
            var carried = matting is { On: MatteOrder.SourceFrames } ? ", the matte carried along" : "";
            steps.Add(new("interpolate", $"{interpolation.Description ?? pipeline.Stages[^1].Name}{carried}"));
        }

        if (recipe.Style is { } style)
        {
            pipeline = pipeline.EstimateDepth(style.Depth).Then(style.Stylizer);
            steps.Add(new("colour", $"{style.Description ?? style.Stylizer.Name}, depth: {style.Depth?.Name ?? new GroundPlaneDepthEstimator().Name}"));
        }

        if (recipe.Upscale is { } upscale)
        {
            pipeline = pipeline.Then(upscale.Upscaler ?? new LanczosUpscaler(upscale.Scale));
            steps.Add(new("upscale", upscale.Description ?? pipeline.Stages[^1].Name));
        }

        if (matting is { On: MatteOrder.OutputFrames })
        {
            pipeline = Matte(pipeline, matting, recipe, steps, out probe, out confidence);
        }

        if (recipe.Speed != 1 || recipe.Loops != 1)
        {
            // Before compositing, so the background scrolls in the output's own seconds and keeps going through repeats.
            pipeline = pipeline.Retime(recipe.Speed, recipe.Loops);
            steps.Add(new("retime", pipeline.Stages[^1].Name));
        }

        Task<double>? scroll = null;
        if (recipe.Composition is { } composition)
        {
            var clipSeconds = recipe.Loop && recipe.Preparation.Count == 0 && sourceFrames is { } count && source.Info.FramesPerSecond > 0
                ? count / source.Info.FramesPerSecond / recipe.Speed * recipe.Loops
                : (double?)null;
            scroll = composition.ScrollSpeed is { } fixedSpeed ? Task.FromResult(fixedSpeed) : GroundScrollAsync(probe!, composition, recipe.Speed, upscaleAfterMatte, log);
            var background = composition.Background;
            var outputHeight = composition.Options.Height ?? source.Info.Height * (recipe.Upscale?.Scale ?? 1);
            pipeline = pipeline.Then(new MeasuredGroundCompositor(scroll, speed => Scene(background, speed, composition, clipSeconds, outputHeight, log), composition.Options with { RecoverEdgeColour = composition.RecoverEdgeColour }));
            var how = composition.ScrollSpeed is { } given ? $"{given:0.#} px/s as given" : $"at the ground speed of the planted hooves (first {composition.GroundLookAhead} frames)";
            steps.Add(new("composite", $"over the background, scrolling {how}"));
        }
        else if (matting is not null)
        {
            steps.Add(new("output", "cut-outs with alpha (RGBA)"));
        }

        return new RenderPlan(pipeline, steps, scroll, confidence);
    }

    // Only what no stage checks itself: speed, loops, factor, clicks, look-ahead and the compositor's options are checked
    // by the stages the plan builds (Retimer, InterpolationStage, SeededMatter, GroundSpeedProbe, Compositor).
    private static void Validate(RenderRecipe recipe)
    {
        if (recipe.Composition is not { } composition)
        {
            return;
        }

        if (recipe.Matting is null)
        {
            throw new InvalidOptionException("A composition puts the matted subject over the background: the recipe needs a matting step.", nameof(recipe));
        }

        // The background is only built on the first frame: an impossible speed is refused before the run starts.
        if (composition.ScrollSpeed is { } speed && !double.IsFinite(speed))
        {
            throw new OptionOutOfRangeException(nameof(recipe), speed, "The scroll speed must be a finite number of pixels per second.");
        }
    }

    private static Pipeline Matte(Pipeline pipeline, MattingStep matting, RenderRecipe recipe, List<RecipeStep> steps, out GroundSpeedProbe? probe, out MatteConfidenceLog? confidence)
    {
        // The ground speed is read from the hooves as they stand in the band; the model-free matter's band cut then
        // follows the probe as a stage of its own.
        var measured = recipe.Composition is { ScrollSpeed: null } composition ? composition : null;
        var cutAfterProbe = matting.Matter is null && matting.ModelFree.CutGroundBand && measured is not null;
        var matter = matting.Matter ?? new SeededMatter(matting.Clicks, matting.ModelFree with { Loop = matting.ModelFree.Loop || recipe.Loop, CutGroundBand = matting.ModelFree.CutGroundBand && !cutAfterProbe }, matting.Boxes);
        pipeline = pipeline.Then(matter);

        // Right after the matter, so the frames it notes are numbered as the user's clicks are.
        confidence = new MatteConfidenceLog();
        pipeline = pipeline.Then(confidence);
        var on = matting.On == MatteOrder.SourceFrames ? "source frames" : "output frames";
        var clicks = matting.Clicks.Count(c => c.Positive);
        steps.Add(new($"matte ({on}, {clicks} click{(clicks == 1 ? "" : "s")})", matting.Description ?? (matting.Matter is null ? "model-free (seeded)" : matter.Name)));

        // The hooves are measured on the matte as the matter made it, before the hair's edge is softened.
        probe = measured is null ? null : new GroundSpeedProbe(measured.GroundLookAhead, measured.RequireGroundSpeed);
        if (probe is not null)
        {
            pipeline = pipeline.Then(probe);
        }

        if (cutAfterProbe)
        {
            pipeline = pipeline.Then(new GroundBandCut());
        }

        if (matting.Matter is null && matting.ModelFree.CutGroundBand)
        {
            steps.Add(new("clean", cutAfterProbe ? "the ground band under the feet is cut, after the hooves are read" : "the ground band under the feet is cut"));
        }

        if (matting.Hair is { } hair)
        {
            pipeline = pipeline.Then(new HairSoftener(hair));
            steps.Add(new("soften", $"hair: thin, moving parts of the matte get a soft edge (radius {hair.ThinFraction:0.###} of the frame height)"));
        }

        return pipeline;
    }

    private static async Task<double> GroundScrollAsync(GroundSpeedProbe probe, CompositionStep composition, double speed, int upscale, Action<string>? log)
    {
        var ground = await probe.Result.ConfigureAwait(false);
        if (ground is null)
        {
            log?.Invoke($"ground: {probe.Failure} The background scrolls at {composition.FallbackScroll} px/s instead (--scroll sets it).");
            return composition.FallbackScroll;
        }

        // Hooves are measured in matted-frame pixels; the compositor draws the subject at SubjectScale of the output height.
        var frameHeight = ground.FrameHeight * upscale;
        var scale = (composition.Options.Height ?? frameHeight) * composition.Options.SubjectScale / ground.FrameHeight;
        var pixelsPerSecond = ground.ScrollSpeed(scale, speed);
        var from = (ground.TextureSteps.Count, ground.ConsensusSteps.Count) switch
        {
            (0, 0) => $"{ground.AgreeingSteps} planted hoof step(s) of {ground.Steps.Count}",
            (_, 0) => $"{ground.AgreeingSteps} agreeing of {ground.Steps.Count} planted hoof step(s) and {ground.TextureSteps.Count} of the ground's own texture (the hooves alone did not settle it)",
            _ => $"the shift {ground.AgreeingSteps} hoof contact(s) share when their matches are summed (no two sure steps of {ground.Steps.Count} agreed)",
        };
        log?.Invoke($"ground: {ground.PixelsPerFrame:0.#} px per frame from {from}; background at {pixelsPerSecond:0.#} px/s");
        if (ground.Steps.Count + ground.TextureSteps.Count == 1 && ground.ConsensusSteps.Count == 0)
        {
            // One step cannot be checked against another: say so rather than pass it off as a measurement.
            log?.Invoke("ground: only one planted step was seen, so nothing confirms it; if the hooves skate, click the legs too (--point) or give --scroll");
        }

        return pixelsPerSecond;
    }

    // A looping clip gets a background that is back where it started when the clip starts again.
    private static ScrollingBackground Scene(ScrollingBackground asked, double speed, CompositionStep composition, double? clipSeconds, int height, Action<string>? log)
    {
        var scene = asked.With(speed, composition.StartOffset);
        if (clipSeconds is not { } clip || speed == 0)
        {
            return scene;
        }

        var looped = scene.LoopingOver(TimeSpan.FromSeconds(clip), height);
        if (Math.Abs(looped.PixelsPerSecond / speed - 1) > 0.25)
        {
            // A short clip would need the background to race (or crawl) to be back in place: keep the ground speed.
            looped.Dispose();
            log?.Invoke($"background: stays at {speed:0.#} px/s; to be back where it started when the clip loops it would need {looped.PixelsPerSecond:0.#} px/s (more loops, or a longer clip, bring that closer)");
            return scene;
        }

        scene.Dispose();
        log?.Invoke($"background: {speed:0.#} px/s nudged to {looped.PixelsPerSecond:0.#} px/s so it is back where it started when the clip loops");
        return looped;
    }
}
