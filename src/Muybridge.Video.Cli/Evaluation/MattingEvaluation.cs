using System.Diagnostics;
using Muybridge.Video.Compositing;
using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;
using Muybridge.Video.Matting;
using Muybridge.Video.Sinks;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Cli.Evaluation;

/// <summary>
/// Matting against ground truth: the horse-in-motion cut-outs (their own alpha is the truth) composited over backdrops cut
/// from real plates (the Daisy plate's lined wall, the cat plate's grid, grain and all), a colour photograph and flat grey;
/// each method gets two clicks on the first frame (chosen from the truth the way a user would: the body's thickest point
/// and the subject point farthest from it) and mattes every frame. IoU at alpha ≥ 0.5 and mean absolute alpha error.
/// </summary>
internal static class MattingEvaluation
{
    public sealed record Score(string Backdrop, string Method, int Frames, double Iou, double MeanAlphaError, double MillisecondsPerFrame);

    public sealed record Method(string Name, Func<PointPrompt[], IFrameStage> Create);

    public static async Task<List<Score>> RunAsync(string data, IReadOnlyList<Method> methods, string? sheets, TextWriter log, CancellationToken cancellationToken)
    {
        var truth = await ReadAllAsync(ImageFolderSource.Open(Path.Combine(data, "horse-in-motion")), cancellationToken).ConfigureAwait(false);
        var backdrops = await BackdropsAsync(data, truth[0].Width, truth[0].Height, cancellationToken).ConfigureAwait(false);
        var scores = new List<Score>();
        try
        {
            var clicks = TwoClicks(truth[0]);
            await log.WriteLineAsync($"clicks on frame 1: {string.Join(" ", clicks.Select(c => $"{c.X},{c.Y}"))}").ConfigureAwait(false);
            foreach (var (name, backdrop) in backdrops)
            {
                using var scene = ScrollingBackground.FromFrame(backdrop, 0);
                var compositor = new Compositor(scene);
                foreach (var method in methods)
                {
                    var composites = truth.Select((t, i) =>
                    {
                        var c = compositor.Composite(t);
                        c.Index = i;
                        if (c.HasAlpha)
                        {
                            c.RemoveAlpha();
                        }

                        return c;
                    }).ToList();
                    double iou = 0, error = 0;
                    var stage = method.Create(clicks);
                    await using var sheet = sheets is null ? null : new ContactSheetSink(Path.Combine(sheets, $"{name}-{method.Name}.png"));
                    var watch = Stopwatch.StartNew();
                    try
                    {
                        await foreach (var matted in stage.ProcessAsync(composites.ToAsyncEnumerable(), cancellationToken).ConfigureAwait(false))
                        {
                            using (matted)
                            {
                                var (i, e) = Compare(matted.Alpha, truth[matted.Index].Alpha);
                                iou += i;
                                error += e;
                                if (sheet is not null)
                                {
                                    using var view = Difference(matted, truth[matted.Index]);
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

                    var score = new Score(name, method.Name, truth.Count, iou / truth.Count, error / truth.Count, watch.Elapsed.TotalMilliseconds / truth.Count);
                    await log.WriteLineAsync($"{score.Backdrop,-12} {score.Method,-14} IoU {score.Iou:0.000}  alpha error {score.MeanAlphaError:0.000}  {score.MillisecondsPerFrame,7:0} ms/frame").ConfigureAwait(false);
                    scores.Add(score);
                }
            }
        }
        finally
        {
            truth.ForEach(f => f.Dispose());
            backdrops.ForEach(b => b.Frame.Dispose());
        }

        return scores;
    }

    public static string MarkdownTable(IReadOnlyList<Score> scores)
    {
        var methods = scores.Select(s => s.Method).Distinct().ToList();
        var writer = new StringWriter();
        writer.WriteLine($"| backdrop (frames) | {string.Join(" | ", methods.Select(m => $"{m} IoU / alpha error"))} |");
        writer.WriteLine($"|---|{string.Concat(methods.Select(_ => "---|"))}");
        foreach (var group in scores.GroupBy(s => s.Backdrop))
        {
            var cells = methods.Select(m => group.FirstOrDefault(s => s.Method == m) is { } s ? $"{s.Iou:0.000} / {s.MeanAlphaError:0.000}" : "–");
            writer.WriteLine($"| {group.Key} ({group.First().Frames}) | {string.Join(" | ", cells)} |");
        }

        writer.WriteLine($"| mean | {string.Join(" | ", methods.Select(m => $"{scores.Where(s => s.Method == m).Average(s => s.Iou):0.000} / {scores.Where(s => s.Method == m).Average(s => s.MeanAlphaError):0.000}"))} |");
        writer.WriteLine();
        writer.WriteLine($"Mean time per frame: {string.Join(", ", methods.Select(m => $"{m} {scores.Where(s => s.Method == m).Average(s => s.MillisecondsPerFrame):0} ms"))}.");
        return writer.ToString();
    }

    /// <summary>The matted frame dimmed, with red where the matte adds to the truth and green where it misses it.</summary>
    public static Frame Difference(Frame matted, Frame truth) => Difference(matted, truth.Alpha);

    public static Frame Difference(Frame matted, ReadOnlySpan<byte> truth)
    {
        var view = Frame.Create(matted.Width, matted.Height);
        var rgb = view.Rgb;
        var source = matted.Rgb;
        for (var i = 0; i < matted.PixelCount; i++)
        {
            bool ours = matted.Alpha[i] >= 128, real = truth[i] >= 128;
            var grey = (byte)(source[3 * i] / 3 + (ours && real ? 120 : 0));
            rgb[3 * i] = ours && !real ? (byte)255 : grey;
            rgb[3 * i + 1] = real && !ours ? (byte)255 : grey;
            rgb[3 * i + 2] = grey;
        }

        return view;
    }

    /// <summary>IoU of alpha ≥ 0.5 and mean absolute alpha difference in 0…1.</summary>
    public static (double Iou, double Error) Compare(ReadOnlySpan<byte> matte, ReadOnlySpan<byte> truth)
    {
        long both = 0, either = 0, difference = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            bool a = matte[i] >= 128, b = truth[i] >= 128;
            both += a && b ? 1 : 0;
            either += a || b ? 1 : 0;
            difference += Math.Abs(matte[i] - truth[i]);
        }

        return (either == 0 ? 1 : (double)both / either, difference / 255.0 / truth.Length);
    }

    /// <summary>The thickest point of the subject, then the subject point farthest from it (at least 3 px inside).</summary>
    public static PointPrompt[] TwoClicks(Frame truth)
    {
        int width = truth.Width, height = truth.Height;
        var inside = new int[truth.PixelCount];
        var alpha = truth.Alpha;
        for (var i = 0; i < inside.Length; i++)
        {
            inside[i] = alpha[i] >= 128 ? 1 << 20 : 0;
        }

        // Two-pass city-block distance to the background.
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                if (inside[i] == 0) continue;
                var up = y > 0 ? inside[i - width] : 0;
                var left = x > 0 ? inside[i - 1] : 0;
                inside[i] = Math.Min(inside[i], Math.Min(up, left) + 1);
            }
        }

        for (var y = height - 1; y >= 0; y--)
        {
            for (var x = width - 1; x >= 0; x--)
            {
                var i = y * width + x;
                if (inside[i] == 0) continue;
                var down = y < height - 1 ? inside[i + width] : 0;
                var right = x < width - 1 ? inside[i + 1] : 0;
                inside[i] = Math.Min(inside[i], Math.Min(down, right) + 1);
            }
        }

        var body = Array.IndexOf(inside, inside.Max());
        int bx = body % width, by = body / width, far = -1;
        long farthest = -1;
        for (var i = 0; i < inside.Length; i++)
        {
            if (inside[i] < 3) continue;
            long dx = i % width - bx, dy = i / width - by;
            if (dx * dx + dy * dy > farthest)
            {
                farthest = dx * dx + dy * dy;
                far = i;
            }
        }

        return [new PointPrompt(bx, by), new PointPrompt(far % width, far / width)];
    }

    internal static async Task<List<(string Name, Frame Frame)>> BackdropsAsync(string data, int width, int height, CancellationToken cancellationToken)
    {
        var result = new List<(string, Frame)>();
        var daisy = await ReadAllAsync(PlateSource.Open(Path.Combine(data, "daisy-gallop-plate.jpg"), 4, 4, keepFrameNumbers: true), cancellationToken).ConfigureAwait(false);
        var cat = await ReadAllAsync(PlateSource.Open(Path.Combine(data, "cat-gallop-plate.jpg"), 4, 5, keepFrameNumbers: true), cancellationToken).ConfigureAwait(false);
        try
        {
            // Patches of bare wall (above the tail and left of the rider; the cat plate's grid above its back), at 3× so
            // the lines and grain are as coarse relative to the horse as on the plate.
            result.Add(("daisy-wall", MirrorTiled(daisy[0], 2, 2, 46, 26, 3, width, height)));
            result.Add(("cat-grid", MirrorTiled(cat[0], 2, 2, 40, 24, 3, width, height)));
        }
        finally
        {
            daisy.ForEach(f => f.Dispose());
            cat.ForEach(f => f.Dispose());
        }

        using (var field = FrameFile.Load(Path.Combine(data, "..", "backgrounds", "spruit-sunrise-360.jpg")))
        using (var crop = FrameOps.Crop(field, 600, 180, 400, 300))
        {
            result.Add(("field-photo", Codec.Current.Resize(crop, width, height)));
        }

        var grey = Frame.Create(width, height);
        grey.Rgb.Fill(128);
        result.Add(("flat-grey", grey));
        return result;
    }

    private static Frame MirrorTiled(Frame source, int x, int y, int w, int h, int scale, int width, int height)
    {
        using var patch = FrameOps.Crop(source, x, y, w, h);
        using var big = Codec.Current.Resize(patch, w * scale, h * scale);
        var result = Frame.Create(width, height);
        int pw = big.Width, ph = big.Height;
        for (var ty = 0; ty < height; ty++)
        {
            var sy = ty / ph % 2 == 0 ? ty % ph : ph - 1 - ty % ph;
            for (var tx = 0; tx < width; tx++)
            {
                var sx = tx / pw % 2 == 0 ? tx % pw : pw - 1 - tx % pw;
                big.Rgb.Slice(3 * (sy * pw + sx), 3).CopyTo(result.Rgb.Slice(3 * (ty * width + tx), 3));
            }
        }

        return result;
    }

    /// <summary>Reads a whole (small) source into a list the caller disposes.</summary>
    public static async Task<List<Frame>> ReadAllAsync(IFrameSource source, CancellationToken cancellationToken)
    {
        await using (source.ConfigureAwait(false))
        {
            var frames = new List<Frame>();
            await foreach (var frame in source.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                frames.Add(frame);
            }

            return frames;
        }
    }
}
