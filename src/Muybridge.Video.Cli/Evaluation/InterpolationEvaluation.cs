using System.Diagnostics;
using Muybridge.Video.Frames;
using Muybridge.Video.Interpolation;
using Muybridge.Video.Quality;

namespace Muybridge.Video.Cli.Evaluation;

/// <summary>
/// Held-out scoring: for every i, frame i is predicted from frames i−1 and i+1 at t = 0.5 and compared with the real one
/// (PSNR over RGB, SSIM on luma; cut-outs composited on mid-grey).
/// </summary>
internal static class InterpolationEvaluation
{
    public sealed record Score(string Sequence, string Method, int Triplets, double Psnr, double Ssim, double MillisecondsPerFrame);

    public static async Task<List<Score>> RunAsync(IReadOnlyList<EvaluationSequence> sequences, IReadOnlyList<IFrameInterpolator> methods, TextWriter log, CancellationToken cancellationToken)
    {
        var scores = new List<Score>();
        foreach (var sequence in sequences)
        {
            var frames = await sequence.ReadAsync(flatten: true, cancellationToken).ConfigureAwait(false);
            try
            {
                if (frames.Count < 3)
                {
                    throw new InvalidFrameInputException($"{sequence.Name}: held-out scoring needs at least 3 frames, found {frames.Count}.");
                }

                foreach (var method in methods)
                {
                    double psnr = 0, ssim = 0, elapsed = 0;
                    var triplets = frames.Count - 2;
                    using var predicted = frames[0].CreateSibling();
                    var results = new[] { predicted };
                    for (var i = 1; i + 1 < frames.Count; i++)
                    {
                        var watch = Stopwatch.StartNew();
                        method.Interpolate(frames[i - 1], frames[i + 1], [0.5f], results, cancellationToken);
                        elapsed += watch.Elapsed.TotalMilliseconds;
                        psnr += ImageQuality.Psnr(predicted, frames[i]);
                        ssim += ImageQuality.Ssim(predicted, frames[i]);
                    }

                    var score = new Score(sequence.Name, method.Name, triplets, psnr / triplets, ssim / triplets, elapsed / triplets);
                    await log.WriteLineAsync($"{score.Sequence,-22} {score.Method,-12} {score.Psnr,6:0.00} dB  SSIM {score.Ssim:0.000}  {score.MillisecondsPerFrame,7:0.0} ms/frame").ConfigureAwait(false);
                    scores.Add(score);
                }
            }
            finally
            {
                foreach (var frame in frames)
                {
                    frame.Dispose();
                }
            }
        }

        return scores;
    }

    public static string MarkdownTable(IReadOnlyList<Score> scores)
    {
        var methods = scores.Select(s => s.Method).Distinct().ToList();
        var writer = new StringWriter();
        writer.WriteLine($"| sequence (triplets) | {string.Join(" | ", methods.Select(m => $"{m} PSNR / SSIM"))} |");
        writer.WriteLine($"|---|{string.Concat(methods.Select(_ => "---|"))}");
        foreach (var group in scores.GroupBy(s => s.Sequence))
        {
            var cells = methods.Select(m => group.FirstOrDefault(s => s.Method == m) is { } s ? $"{s.Psnr:0.00} / {s.Ssim:0.000}" : "–");
            writer.WriteLine($"| {group.Key} ({group.First().Triplets}) | {string.Join(" | ", cells)} |");
        }

        var speed = methods.Select(m => $"{m} {scores.Where(s => s.Method == m).Average(s => s.MillisecondsPerFrame):0} ms");
        writer.WriteLine();
        writer.WriteLine($"Mean time per in-between frame: {string.Join(", ", speed)}.");
        return writer.ToString();
    }
}
