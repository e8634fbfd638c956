using System.CommandLine;
using Muybridge.Video.Matting;
using Muybridge.Video.Onnx;
using Muybridge.Video.Onnx.Matting;

namespace Muybridge.Video.Cli.Commands;

/// <summary><c>muybridge matte</c>: click points, get RGBA frames (or the matte alone).</summary>
internal static class MatteCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var outputs = CommonOptions.Outputs();
        var points = CommonOptions.Points();
        var negatives = CommonOptions.Negatives();
        var boxes = CommonOptions.Boxes();
        var contactSheet = CommonOptions.ContactSheet();
        var feather = CommonOptions.Feather();
        var grow = new Option<int>("--grow") { Description = "Grow (positive) or shrink (negative) the matte, in pixels." };
        var stageModel = new ModelOptions("A matting model restricted by the clicks: ISNet (`muybridge models fetch isnet-medium`), U²-Net, RVM (rvm_mobilenetv3_fp32.onnx), or a SAM encoder with --sam-decoder. Default: the model-free matter.");
        var model = stageModel.Model;
        var decoder = new Option<string?>("--sam-decoder") { Description = "A SAM decoder (from SAM's export script): --model is then the matching image encoder (MobileSAM, SAM)." };
        var catalog = new Option<string?>("--catalog") { Description = "The catalog entry the --model file is checked against; default from its file name, else isnet-medium." };
        var holes = new Option<bool>("--fill-holes") { Description = "Fill holes inside the subject that do not look like the backdrop (on by default).", DefaultValueFactory = _ => true };
        var temporal = CommonOptions.Temporal();
        var loop = CommonOptions.Loop("--temporal starts from the clip's end, so the matte does not jump at the last→first seam (holds the clip in memory).");
        var backdropFrames = new Option<int>("--backdrop-frames") { Description = "Frames around each frame (half ahead) that show the backdrop: the model-free matter estimates the backdrop behind the subject from them, a salient-object model (ISNet, U²-Net) has the patches of it that it took in cut; 0 = off (a camera that pans).", DefaultValueFactory = _ => new SeededMatterOptions().BackdropFrames };
        var matteOnly = new Option<bool>("--matte-only") { Description = "Write the matte itself as grey frames (white = subject) instead of the cut-out." };
        var providers = stageModel.Providers;
        var command = new Command("matte", "Cut the subject out of every frame from one or two clicks; writes RGBA (PNG frames, APNG, WebP) or, with --matte-only, the matte.")
        { points, negatives, boxes, feather, grow, model, decoder, catalog, holes, temporal, loop, backdropFrames, matteOnly, providers, outputs, contactSheet,
        };
        input.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            input.RefuseOverwriting(parse, parse.GetValue(outputs) ?? []);
            var prompts = CommonOptions.ParsePoints(parse.GetValue(points), parse.GetValue(negatives));
            var boxPrompts = (parse.GetValue(boxes) ?? []).Select(BoxPrompt.Parse).ToArray();
            await using var source = await input.OpenAsync(parse, ct);
            foreach (var prompt in prompts)
            {
                prompt.EnsureInside(source.Info.Width, source.Info.Height);
            }

            var refinement = new MatteRefinementOptions { FillHoles = parse.GetValue(holes), Grow = parse.GetValue(grow), Feather = (float)parse.GetValue(feather), TemporalSmoothing = parse.GetValue(temporal), Loop = parse.GetValue(loop) };
            var session = CommonOptions.Session(parse.GetValue(providers));
            using var modelStage = parse.GetValue(model) is not { } path ? null
                : parse.GetValue(decoder) is { } decoderPath ? new SegmentAnythingMatter(path, decoderPath, prompts, new SegmentAnythingOptions { Refinement = refinement, Session = session }, boxPrompts)
                : (parse.GetValue(catalog) ?? CatalogFromFileName(path)) is "rvm-mobilenetv3" ? new RobustVideoMatter(path, prompts, new RobustVideoMatterOptions { Refinement = refinement, Session = session }, boxPrompts)
                : (IFrameStage)new SalientObjectMatter(path, prompts, new SalientMatterOptions { CatalogName = parse.GetValue(catalog) ?? CatalogFromFileName(path), Refinement = refinement, Session = session, BackdropFrames = parse.GetValue(backdropFrames) }, boxPrompts);
            if (modelStage is IOnnxStage onnx)
            {
                CommonOptions.ReportProvider(parse.GetValue(providers), onnx.ActiveProvider);
            }

            var confidence = new MatteConfidenceLog();
            var pipeline = modelStage is null
                ? Pipeline.From(source).Then(new SeededMatter(prompts, new SeededMatterOptions { Feather = parse.GetValue(feather), Grow = parse.GetValue(grow), FillHoles = parse.GetValue(holes), TemporalSmoothing = refinement.TemporalSmoothing, Loop = refinement.Loop, BackdropFrames = parse.GetValue(backdropFrames) }, boxPrompts)).Then(confidence)
                : Pipeline.From(source).Then(modelStage).Then(confidence);
            if (parse.GetValue(matteOnly))
            {
                pipeline = pipeline.Then(new MatteView());
            }

            await CommandRunner.WriteAsync(pipeline, parse.GetValue(outputs)!, parse.GetValue(contactSheet), null, ct);
            if (confidence.Advice() is { } advice)
            {
                Console.WriteLine(advice);
            }
        }, cancellationToken));
        return command;
    }

    private static string CatalogFromFileName(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path).Replace('_', '-');
        return Onnx.Catalog.ModelCatalog.All.FirstOrDefault(c => c.Stage == Onnx.Catalog.ModelStage.Matting && name.Contains(c.Name, StringComparison.OrdinalIgnoreCase))?.Name ?? "isnet-medium";
    }
}
