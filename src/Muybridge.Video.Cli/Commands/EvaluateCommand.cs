using System.CommandLine;
using Muybridge.Video.Cli.Evaluation;
using Muybridge.Video.Interpolation;

namespace Muybridge.Video.Cli.Commands;

/// <summary><c>muybridge evaluate</c>: scores the stages against ground truth, so quality is measured the same way by everyone.</summary>
internal static class EvaluateCommand
{
    public static Command Create() => new("evaluate", "Score stages against held-out or ground-truth frames.") { Interpolation() };

    private static Command Interpolation()
    {
        var data = new Option<string?>("--data") { Description = "Folder holding the standard sequences (elephant-walk, buffalo-gallop, horse-bowler-gallop, daisy-gallop-strip.png, horse-in-motion), e.g. ../shared/data/muybridge." };
        var sequences = new Option<string[]>("--sequence") { Description = "An extra sequence: a folder, GIF or video, or a plate as path:RxC. Repeatable." };
        var report = new Option<string?>("--report") { Description = "Also write the table as Markdown to this file." };
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
                throw new ArgumentException("Nothing to evaluate: give --data and/or --sequence.");
            }

            IFrameInterpolator[] methods = [new CrossFadeInterpolator(), new FlowInterpolator()];
            var scores = await InterpolationEvaluation.RunAsync(set, methods, Console.Out, ct);
            var table = InterpolationEvaluation.MarkdownTable(scores);
            Console.WriteLine();
            Console.WriteLine(table);
            if (parse.GetValue(report) is { } path)
            {
                await File.WriteAllTextAsync(path, table, ct);
            }
        }, cancellationToken));
        return command;
    }
}
