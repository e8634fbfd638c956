using System.CommandLine;
using Muybridge.Video.Cli.Evaluation;
using Muybridge.Video.Interpolation;

namespace Muybridge.Video.Cli.Commands;

/// <summary><c>muybridge evaluate</c>: scores the stages against ground truth, so quality is measured the same way by everyone.</summary>
internal static class EvaluateCommand
{
    public static Command Create() => new("evaluate", "Score stages against held-out or ground-truth frames.") { Interpolation(), Matting(), Stylization() };

    private static Command Interpolation()
    {
        var data = new Option<string?>("--data") { Description = "Folder holding the standard sequences (elephant-walk, buffalo-gallop, horse-bowler-gallop, daisy-gallop-strip.png, horse-in-motion), e.g. ../shared/data/muybridge." };
        var sequences = new Option<string[]>("--sequence") { Description = "An extra sequence: a folder, GIF or video, or a plate as path:RxC. Repeatable." };
        var report = Report();
        var command = new Command("interpolation", "Predict each frame from its two neighbours and report PSNR/SSIM for every interpolator and a cross-fade.") { data, sequences, report };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            var set = new List<EvaluationSequence>();
            if (parse.GetValue(data) is { } folder)
            {
                set.AddRange(EvaluationSequence.StandardSet(folder));
            }

            set.AddRange((parse.GetValue(sequences) ?? []).Select(EvaluationSequence.Parse));
            if (set.Count == 0)
            {
                throw new UsageException("Nothing to evaluate: give --data and/or --sequence.");
            }

            IFrameInterpolator[] methods = [new CrossFadeInterpolator(), new FlowInterpolator()];
            var scores = await InterpolationEvaluation.RunAsync(set, methods, Console.Out, ct);
            await ReportAsync(InterpolationEvaluation.MarkdownTable(scores), parse.GetValue(report), ct);
        }, cancellationToken));
        return command;
    }

    private static Command Matting()
    {
        var data = new Option<string>("--data") { Description = "Folder holding horse-in-motion, daisy-gallop-plate.jpg and cat-gallop-plate.jpg (e.g. ../shared/data/muybridge; ../backgrounds beside it).", Required = true };
        var models = new Option<string[]>("--model") { Description = "A matting model to score beside the model-free matter; its catalog name comes from the file name (isnet-medium.onnx, isnet-small.onnx, u2net.onnx). Repeatable." };
        var report = Report();
        var sheets = new Option<string?>("--sheets") { Description = "Write a contact sheet per backdrop and method into this folder (red: matte beyond the truth, green: truth missed)." };
        var groundSet = new Option<string?>("--ground-set") { Description = "Score the ground-band set instead (the horse and the elephant standing on the bowler plate's foot board, the Daisy track and the ostrich's ground band): the folder holding its backdrops and the elephant's alpha, e.g. tests/fixtures/ground-set." };
        var makeGroundSet = new Option<string?>("--make-ground-set") { Description = "First build the ground-band set into --ground-set from the shared data with this ISNet medium file (the backdrops are the plates with the animal taken out)." };
        var command = new Command("matting", "Matte the horse-in-motion cut-outs composited over real plate backdrops from two clicks; report IoU and alpha error per method.") { data, models, report, sheets, groundSet, makeGroundSet };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            var methods = new List<MattingEvaluation.Method> { new("model-free", clicks => new Muybridge.Video.Matting.SeededMatter(clicks)) };
            foreach (var model in parse.GetValue(models) ?? [])
            {
                var name = Path.GetFileNameWithoutExtension(model);
                var card = Onnx.Catalog.ModelCatalog.All.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Name ?? "isnet-medium";
                methods.Add(new(name, clicks => new Onnx.Matting.SalientObjectMatter(model, clicks, new Onnx.Matting.SalientMatterOptions { CatalogName = card })));
            }

            if (parse.GetValue(groundSet) is { } set)
            {
                if (parse.GetValue(makeGroundSet) is { } isnet)
                {
                    await GroundBandSet.MakeAsync(parse.GetValue(data)!, isnet, set, Console.Out, ct);
                }

                var scenes = await GroundBandSet.LoadAsync(parse.GetValue(data)!, set, ct);
                try
                {
                    var ground = await GroundBandEvaluation.RunAsync(scenes, methods, parse.GetValue(sheets), Console.Out, ct);
                    await ReportAsync(GroundBandEvaluation.MarkdownTable(ground), parse.GetValue(report), ct);
                }
                finally
                {
                    scenes.ForEach(s => s.Dispose());
                }

                return;
            }

            var scores = await MattingEvaluation.RunAsync(parse.GetValue(data)!, methods, parse.GetValue(sheets), Console.Out, ct);
            await ReportAsync(MattingEvaluation.MarkdownTable(scores), parse.GetValue(report), ct);
        }, cancellationToken));
        return command;
    }

    private static Command Stylization()
    {
        var data = new Option<string>("--data") { Description = "Folder holding horse-in-motion and daisy-gallop-strip.png (e.g. ../shared/data/muybridge).", Required = true };
        var reference = new Option<string?>("--reference") { Description = "Colour reference for the model-free colorizer (default: none, the colorizer is skipped)." };
        var models = new Option<string[]>("--style-model") { Description = "Fast-neural-style models to score too. Repeatable." };
        var consistencies = new Option<float[]>("--frame-consistency") { Description = "Frame consistency (0…1) to score beside per frame; repeat to sweep. Default: the library's default." };
        // Refused while parsing: the stages that would refuse it are built only after the per-frame runs.
        consistencies.Validators.Add(result =>
        {
            foreach (var value in result.GetValueOrDefault<float[]>() ?? [])
            {
                if (!(value is >= 0f and <= 1f))
                {
                    result.AddError($"--frame-consistency is a fraction from 0 to 1, not {value}.");
                }
            }
        });
        var report = Report();
        var command = new Command("stylization", "Flicker (warping error), structure (SSIM) and colourfulness of stylized sequences, per frame against frame-consistent.") { data, reference, models, consistencies, report };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            var defaults = new Video.Stylization.StyleOptions();
            var perFrame = defaults with { FrameConsistency = 0 };
            var consistent = (parse.GetValue(consistencies) is { Length: > 0 } given ? given : [defaults.FrameConsistency])
                .Select(c => defaults with { FrameConsistency = c }).ToList();
            var methods = new List<StylizationEvaluation.Method>();
            if (parse.GetValue(reference) is { } path)
            {
                methods.Add(new("colorize, per frame", () => Video.Stylization.ReferenceColorizer.FromFiles(path, perFrame)));
                methods.AddRange(consistent.Select(o => new StylizationEvaluation.Method($"colorize, consistency {o.FrameConsistency}", () => Video.Stylization.ReferenceColorizer.FromFiles(path, o))));
            }

            foreach (var model in parse.GetValue(models) ?? [])
            {
                var name = Path.GetFileNameWithoutExtension(model);
                methods.Add(new($"{name}, per frame", () => new Onnx.Stylization.FastStyleStylizer(model, new() { Style = perFrame })));
                methods.AddRange(consistent.Select(o => new StylizationEvaluation.Method($"{name}, consistency {o.FrameConsistency}", () => new Onnx.Stylization.FastStyleStylizer(model, new() { Style = o }))));
            }

            if (methods.Count == 0)
            {
                throw new UsageException("Nothing to score: give --reference and/or --style-model.");
            }

            var all = EvaluationSequence.StandardSet(parse.GetValue(data)!);
            var sequences = all.Where(s => s.Name is "horse-in-motion" or "daisy-gallop-strip").ToList();
            var scores = await StylizationEvaluation.RunAsync(sequences, methods, Console.Out, ct);
            await ReportAsync(StylizationEvaluation.MarkdownTable(scores), parse.GetValue(report), ct);
        }, cancellationToken));
        return command;
    }

    private static Option<string?> Report() => new("--report") { Description = "Also write the table as Markdown to this file." };

    private static async Task ReportAsync(string table, string? path, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine(table);
        if (path is not null)
        {
            // Written beside and renamed, like every output: a cancelled run leaves no half report.
            var partial = path + ".partial";
            await File.WriteAllTextAsync(partial, table, cancellationToken);
            File.Move(partial, path, overwrite: true);
        }
    }
}
