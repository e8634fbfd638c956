using System.Globalization;
using Muybridge.Video.Matting;
using Muybridge.Video.Sinks;

namespace Muybridge.Video.Cli.Evaluation;

/// <summary>
/// Scores a matter on the <see cref="GroundBandSet"/>: two clicks on the first frame (as <see cref="MattingEvaluation.TwoClicks"/>
/// chooses them), then per frame the IoU against the truth and the slab: how far below the truth's lowest foot the matte
/// reaches, as a share of the frame's height.
/// </summary>
internal static class GroundBandEvaluation
{
    public sealed record Score(string Subject, string Backdrop, string Method, double[] Iou, double[] Slab);

    public static async Task<List<Score>> RunAsync(IReadOnlyList<GroundBandSet.Scene> scenes, IReadOnlyList<MattingEvaluation.Method> methods, string? sheets, TextWriter log, CancellationToken cancellationToken)
    {
        var scores = new List<Score>();
        foreach (var scene in scenes)
        {
            var clicks = TwoClicks(scene);
            foreach (var method in methods)
            {
                var iou = new double[scene.Composites.Count];
                var slab = new double[scene.Composites.Count];
                var stage = method.Create(clicks);
                await using var sheet = sheets is null ? null : new ContactSheetSink(Path.Combine(sheets, $"{scene.Subject}-{scene.Backdrop}-{method.Name}.png"));
                try
                {
                    var inputs = scene.Composites.Select(f => f.Clone()).ToAsyncEnumerable();
                    await foreach (var matted in stage.ProcessAsync(inputs, cancellationToken).ConfigureAwait(false))
                    {
                        using (matted)
                        {
                            var truth = scene.Truth[(int)matted.Index];
                            iou[matted.Index] = MattingEvaluation.Compare(matted.Alpha, truth).Iou;
                            var below = MatteExtent.LowestSubjectRow(matted.Alpha, scene.Width, scene.Height) - MatteExtent.LowestSubjectRow(truth, scene.Width, scene.Height);
                            slab[matted.Index] = Math.Max(0, below) / (double)scene.Height;
                            if (sheet is not null)
                            {
                                using var view = MattingEvaluation.Difference(matted, truth);
                                await sheet.WriteAsync(view, cancellationToken).ConfigureAwait(false);
                            }
                        }
                    }
                }
                finally
                {
                    stage?.Dispose();
                }

                if (sheet is not null)
                {
                    await sheet.CompleteAsync(cancellationToken).ConfigureAwait(false);
                }

                var score = new Score(scene.Subject, scene.Backdrop, method.Name, iou, slab);
                await log.WriteLineAsync(
                    $"{scene.Subject,-9} {scene.Backdrop,-13} {method.Name,-12} IoU first {iou[0]:0.000} worst {iou.Min():0.000} (frame {Array.IndexOf(iou, iou.Min()) + 1}) mean {iou.Average():0.000}  " +
                    $"slab > 2 % on {slab.Count(s => s > 0.02)} frame(s)  per frame: {string.Join(" ", iou.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)))}").ConfigureAwait(false);
                scores.Add(score);
            }
        }

        return scores;
    }

    public static string MarkdownTable(IReadOnlyList<Score> scores)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        writer.WriteLine("| subject over backdrop | method | frames | IoU first | worst (frame) | mean | frames with a slab > 2 % |");
        writer.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var s in scores)
        {
            writer.WriteLine($"| {s.Subject} over {s.Backdrop} | {s.Method} | {s.Iou.Length} | {s.Iou[0]:0.000} | {s.Iou.Min():0.000} ({Array.IndexOf(s.Iou, s.Iou.Min()) + 1}) | {s.Iou.Average():0.000} | {s.Slab.Count(v => v > 0.02)} |");
        }

        foreach (var method in scores.Select(s => s.Method).Distinct())
        {
            var all = scores.Where(s => s.Method == method).ToList();
            writer.WriteLine($"| all | {method} | {all.Sum(s => s.Iou.Length)} | | {all.Min(s => s.Iou.Min()):0.000} | {all.SelectMany(s => s.Iou).Average():0.000} | {all.Sum(s => s.Slab.Count(v => v > 0.02))} |");
        }

        return writer.ToString();
    }

    /// <summary>The two clicks a user would give on the scene's first frame (see <see cref="MattingEvaluation.TwoClicks"/>).</summary>
    public static PointPrompt[] TwoClicks(GroundBandSet.Scene scene)
    {
        using var first = scene.Composites[0].Clone();
        scene.Truth[0].CopyTo(first.EnsureAlpha(0));
        return MattingEvaluation.TwoClicks(first);
    }
}
