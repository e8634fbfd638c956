// The Muybridge Derby, as the article made it: five of Muybridge's animals run one after another across a 360° field.
// Each runner goes through the library's own recipe (RenderRecipe): matted from two clicks on its source frames (ISNet
// when it can be fetched, the model-free matter offline), slowed down 2× with a looping seam (the matte carried along),
// coloured from a reference (a field for the scene, a palette per animal for its coat), upscaled 2× where its frames are
// small, composited over a background scrolling at the animal's own ground speed, and sped up 2× so it runs at its pace.
using System.Diagnostics;
using Muybridge.Video.Compositing;
using Muybridge.Video.Matting;
using Muybridge.Video.Onnx.Catalog;
using Muybridge.Video.Onnx.Matting;
using Muybridge.Video.Onnx.Recipes;
using Muybridge.Video.Recipes;
using Muybridge.Video.Sinks;
using Muybridge.Video.Sources;
using Muybridge.Video.Stylization;

var data = Path.Combine(AppContext.BaseDirectory, "data");
var references = Path.Combine(AppContext.BaseDirectory, "references");
var output = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "derby-out";
var modelFree = args.Contains("--model-free");
Directory.CreateDirectory(output);
const int width = 960, height = 480;

// Clicks on each runner's first source frame, as fractions of the frame: the body, and a leg or the rider; the horse's
// foreleg and the ostrich's near leg too, which the model-free matte loses in part where they meet the dark ground, and
// with them the planted feet the ground speed is read from.
var runners = new Runner[]
{
    new("horse (bowler plate)", () => PlateSource.Open(Path.Combine(data, "horse-bowler-gallop-plate.jpg"), 2, 6), [(0.40, 0.55), (0.58, 0.36), (0.72, 0.70)], "bay-palette.png", Plate: true, Loops: 2, Scale: 0.85),
    new("cat (plate 719)", () => PlateSource.Open(Path.Combine(data, "cat-gallop-plate.jpg"), 4, 5), [(0.50, 0.50), (0.60, 0.45)], "tabby-palette.png", Plate: true),
    new("buffalo (GIF)", () => AnimatedImageSource.Open(Path.Combine(data, "buffalo-gallop.gif")), [(0.50, 0.50), (0.60, 0.45)], "buffalo-palette.png", Loops: 2),
    new("elephant (frames)", () => ImageFolderSource.Open(Path.Combine(data, "elephant-walk")), [(0.50, 0.50), (0.60, 0.45)], "elephant-palette.png"),
    new("ostrich (frames)", () => ImageFolderSource.Open(Path.Combine(data, "ostrich-run")), [(0.56, 0.40), (0.45, 0.45), (0.35, 0.80)], "ostrich-palette.png", Loops: 2, Scale: 0.7),
};

// ISNet medium mattes best; fetched (verified) on the first run, and the model-free matter takes over offline.
var cache = new ModelCache();
if (!modelFree)
{
    try
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        await new ModelDownloader(cache, http).FetchAsync(ModelCatalog.Find(BestAvailable.DefaultMatter), new Progress<DownloadProgress>(p => Console.Error.Write($"\r{p.FileName}: {p.Bytes / 1e6:0.0} MB ")));
    }
    catch (ModelDownloadException e)
    {
        Console.WriteLine($"{BestAvailable.DefaultMatter} could not be fetched ({e.Message}); the model-free matter runs.");
    }
}

// The trees and pylons above the horizon are far away: they drift at a third of the ground's speed.
using var panorama = ScrollingBackground.FromFile(Path.Combine(data, "spruit-sunrise-360.jpg"), 0);
using var field = panorama.WithParallax(horizon: 0.52, farSpeedRatio: 0.35);
var sinks = new List<IFrameSink>
{
    new GifSink(Path.Combine(output, "derby.gif"), new AnimationOptions { FramesPerSecond = 24 }),
    new WebPSink(Path.Combine(output, "derby.webp")),
    new ContactSheetSink(Path.Combine(output, "derby-sheet.jpg"), new ContactSheetOptions { Columns = 8, CellWidth = 200, Every = 6 }),
};
if (Mp4Sink.IsAvailable)
{
    sinks.Insert(0, new Mp4Sink(Path.Combine(output, "derby.mp4"), new Mp4Options { FramesPerSecond = 48 }));
}
else
{
    Console.WriteLine("derby.mp4 is left out: writing MP4 needs ffmpeg (apt-get install ffmpeg, or set MUYBRIDGE_FFMPEG); GIF, WebP and the contact sheet are written.");
}

var clock = Stopwatch.StartNew();
var elapsed = TimeSpan.Zero;
var position = 0.0;
var written = 0;
try
{
    foreach (var runner in runners)
    {
        await using var source = runner.Open();
        var (w, h) = (source.Info.Width, source.Info.Height);
        PointPrompt[] clicks = [.. runner.Clicks.Select(c => new PointPrompt((int)(c.X * w), (int)(c.Y * h)))];
        using var matter = BestAvailable.Matter(modelFree ? BestAvailable.ModelFree : null, clicks, new SalientMatterOptions(), cache);
        var colour = ReferenceColorizer.FromFiles(Path.Combine(references, "field-cc0.jpg"), new StyleOptions { Loop = true }, Path.Combine(references, runner.Palette));
        var recipe = new RenderRecipe
        {
            Register = runner.Plate,
            Loop = true,
            Matting = new MattingStep { Clicks = clicks, Matter = matter.Stage, Description = matter.Description, ModelFree = new SeededMatterOptions() },
            Interpolation = new InterpolationStep { Factor = 2 },
            Style = new StyleStep { Stylizer = colour },
            Upscale = h < 300 ? new UpscaleStep { Scale = 2 } : null,
            Composition = new CompositionStep
            {
                Background = field,
                Options = new CompositeOptions { Width = width, Height = height, SubjectScale = runner.Scale, Baseline = 0.93, Shadow = new ContactShadow { Opacity = 0.45 } },
                StartOffset = position, // the scene keeps scrolling where the previous runner left it
            },
            Speed = 2,
            Loops = runner.Loops,
        };
        Console.WriteLine($"{runner.Name}: {w}x{h} x{source.Info.FrameCount} frames");
        var plan = recipe.Build(source, line => Console.WriteLine($"  {line}"));
        foreach (var step in plan.Steps)
        {
            Console.WriteLine($"  {step}");
        }

        var start = elapsed;
        await foreach (var frame in plan.Pipeline.StreamAsync())
        {
            using (frame)
            {
                frame.Timestamp += start;
                frame.Index = written++;
                foreach (var sink in sinks) await sink.WriteAsync(frame, CancellationToken.None);
                elapsed = frame.Timestamp + frame.Duration;
            }
        }

        position += await plan.ScrollSpeed! * (elapsed - start).TotalSeconds;
        if (plan.MatteConfidence?.Advice() is { } advice)
        {
            Console.WriteLine($"  {advice}");
        }

        if (matter.Stage is SalientObjectMatter model)
        {
            Console.WriteLine($"  matte: {model.Card.Name} ran {model.Runs} time(s), once per source frame");
        }

        Console.WriteLine($"  ends at {elapsed.TotalSeconds:0.00} s");
    }

    foreach (var sink in sinks) await sink.CompleteAsync(CancellationToken.None);
    Console.WriteLine($"Derby: {written} frames of {width}x{height}, {elapsed.TotalSeconds:0.0} s of video, rendered in {clock.Elapsed.TotalSeconds:0.0} s");
    foreach (var sink in sinks) Console.WriteLine($"  {sink.OutputPath}");
}
finally
{
    foreach (var sink in sinks) await sink.DisposeAsync();
}

/// <summary>One animal of the Derby: where its frames come from, two clicks, its coat's palette.</summary>
/// <remarks>Scale: the frame's height as a share of the film's; the horse fills less of its plate cell than the others.</remarks>
internal sealed record Runner(string Name, Func<IFrameSource> Open, (double X, double Y)[] Clicks, string Palette, bool Plate = false, int Loops = 1, double Scale = 0.55);
