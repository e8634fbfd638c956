using System.Diagnostics;
using Muybridge.Video.Frames;
using Muybridge.Video.Quality;

namespace Muybridge.Video.Cli.Evaluation;

/// <summary>
/// Stylization quality on real sequences: flicker as the warping error between consecutive outputs (warped with the flow
/// of the source frames, occlusions masked), structure as SSIM between input and output lightness, colourfulness as mean
/// Oklab chroma; each method runs per frame (frame consistency 0) and with its frame consistency, side by side.
/// </summary>
internal static class StylizationEvaluation
{
    public sealed record Score(string Sequence, string Method, int Frames, double WarpingError, double Ssim, double Colourfulness, double InputColourfulness, double MillisecondsPerFrame);

    public sealed record Method(string Name, Func<IFrameStage> Create);

    public static async Task<List<Score>> RunAsync(IReadOnlyList<EvaluationSequence> sequences, IReadOnlyList<Method> methods, TextWriter log, CancellationToken cancellationToken)
    {
        var scores = new List<Score>();
        var temporal = new TemporalQuality();
        foreach (var sequence in sequences)
        {
            var inputs = await sequence.ReadAsync(flatten: true, cancellationToken).ConfigureAwait(false);
            try
            {
                var inputColour = inputs.Average(TemporalQuality.Colourfulness);
                double own = 0;
                for (var i = 1; i < inputs.Count; i++)
                {
                    own += temporal.WarpingError(inputs[i - 1], inputs[i], inputs[i - 1], inputs[i]);
                }

                // The grey input's own warping error: what flow cannot explain between Muybridge's cameras, the floor
                // under any stylization's score.
                scores.Add(new Score(sequence.Name, "input (no stylization)", inputs.Count, own / (inputs.Count - 1), 1, inputColour, inputColour, 0));
                await log.WriteLineAsync($"{sequence.Name,-20} {"input (no stylization)",-30} warp {own / (inputs.Count - 1):0.0000}").ConfigureAwait(false);
                foreach (var method in methods)
                {
                    var stage = method.Create();
                    var outputs = new List<Frame>();
                    var watch = Stopwatch.StartNew();
                    try
                    {
                        await foreach (var frame in stage.ProcessAsync(inputs.Select(f => f.Clone()).ToAsyncEnumerable(), cancellationToken).ConfigureAwait(false))
                        {
                            outputs.Add(frame);
                        }

                        var elapsed = watch.Elapsed.TotalMilliseconds / inputs.Count;
                        double warping = 0, ssim = 0, colour = 0;
                        for (var i = 0; i < outputs.Count; i++)
                        {
                            ssim += ImageQuality.Ssim(outputs[i], inputs[i]);
                            colour += TemporalQuality.Colourfulness(outputs[i]);
                            if (i > 0)
                            {
                                warping += temporal.WarpingError(inputs[i - 1], inputs[i], outputs[i - 1], outputs[i]);
                            }
                        }

                        var score = new Score(sequence.Name, method.Name, outputs.Count, warping / (outputs.Count - 1), ssim / outputs.Count, colour / outputs.Count, inputColour, elapsed);
                        await log.WriteLineAsync($"{score.Sequence,-20} {score.Method,-30} warp {score.WarpingError:0.0000}  SSIM {score.Ssim:0.000}  chroma {score.Colourfulness:0.000} (input {score.InputColourfulness:0.000})  {score.MillisecondsPerFrame,6:0} ms/frame").ConfigureAwait(false);
                        scores.Add(score);
                    }
                    finally
                    {
                        outputs.ForEach(f => f.Dispose());
                        stage?.Dispose();
                    }
                }
            }
            finally
            {
                inputs.ForEach(f => f.Dispose());
            }
        }

        return scores;
    }

    public static string MarkdownTable(IReadOnlyList<Score> scores)
    {
        var writer = new StringWriter();
        writer.WriteLine("| sequence | method | warping error | added over the input | SSIM (lightness) | chroma (input) | ms/frame |");
        writer.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var s in scores)
        {
            var floor = scores.First(x => x.Sequence == s.Sequence).WarpingError;
            writer.WriteLine($"| {s.Sequence} | {s.Method} | {s.WarpingError:0.0000} | {s.WarpingError - floor:+0.0000;-0.0000;0} | {s.Ssim:0.000} | {s.Colourfulness:0.000} ({s.InputColourfulness:0.000}) | {s.MillisecondsPerFrame:0} |");
        }

        return writer.ToString();
    }
}
