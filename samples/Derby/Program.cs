// The Muybridge Derby: four of Muybridge's animals run one after another across a 360° field.
// Each is sliced from its plate (or read from its GIF / frames), slowed down 2× with a looping seam,
// matted from two clicks, and composited with a contact shadow over a background (the far part drifting slower than the
// ground) whose scroll continues from one runner to the next.
using System.Diagnostics;
using Muybridge.Video;
using Muybridge.Video.Compositing;
using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Sinks;
using Muybridge.Video.Sources;

var data = Path.Combine(AppContext.BaseDirectory, "data");
var output = args.Length > 0 ? args[0] : "derby-out";
Directory.CreateDirectory(output);
const int width = 960, height = 480;
const double scroll = 240; // px/s of the output

var runners = new (string Name, Func<Task<IFrameSource>> Open, int Loops)[]
{
    ("horse (bowler plate)", () => Task.FromResult<IFrameSource>(PlateSource.Open(Path.Combine(data, "horse-bowler-gallop-plate.jpg"), 2, 6)), 1),
    ("cat (plate 719)", () => Task.FromResult<IFrameSource>(PlateSource.Open(Path.Combine(data, "cat-gallop-plate.jpg"), 4, 5)), 1),
    ("buffalo (GIF)", () => Task.FromResult<IFrameSource>(AnimatedImageSource.Open(Path.Combine(data, "buffalo-gallop.gif"))), 2),
    ("elephant (frames)", () => Task.FromResult<IFrameSource>(ImageFolderSource.Open(Path.Combine(data, "elephant-walk"))), 1),
};

// The trees and pylons above the horizon are far away: they drift at a third of the ground's speed.
using var panorama = ScrollingBackground.FromFile(Path.Combine(data, "spruit-sunrise-360.jpg"), scroll);
using var field = panorama.WithParallax(horizon: 0.52, farSpeedRatio: 0.35);
IFrameSink[] sinks =
[
    new Mp4Sink(Path.Combine(output, "derby.mp4"), new Mp4Options { FramesPerSecond = 24 }),
    new GifSink(Path.Combine(output, "derby.gif"), new AnimationOptions { FramesPerSecond = 12 }),
    new ContactSheetSink(Path.Combine(output, "derby-sheet.jpg"), new ContactSheetOptions { Columns = 8, CellWidth = 200, Every = 4 }),
];
var clock = Stopwatch.StartNew();
var elapsed = TimeSpan.Zero;
var written = 0;
try
{
    foreach (var (name, open, loops) in runners)
    {
        await using var source = await open();
        var (w, h) = (source.Info.Width, source.Info.Height);
        // Two clicks: the body and the shoulder, as a user would place them on the first frame.
        PointPrompt[] clicks = [new(w / 2, h / 2), new(w * 3 / 5, h * 9 / 20)];
        // The scene keeps scrolling where the previous runner left it.
        using var scene = field.With(scroll, startOffset: elapsed.TotalSeconds * scroll);
        var pipeline = Pipeline.From(source);
        if (source is PlateSource)
        {
            // Plates are cut unevenly: line the backdrops up so the in-betweens move the animal, not the wall.
            pipeline = pipeline.Register();
        }

        pipeline = pipeline
            .Interpolate(factor: 2, loop: true)
            .Matte(clicks)
            .Composite(scene, new CompositeOptions { Width = width, Height = height, SubjectScale = 0.55, Baseline = 0.93, Shadow = new ContactShadow { Opacity = 0.45 } })
            .Retime(loops: loops);
        var start = elapsed;
        await foreach (var frame in pipeline.StreamAsync())
        {
            using (frame)
            {
                frame.Timestamp += start;
                frame.Index = written++;
                foreach (var sink in sinks) await sink.WriteAsync(frame, CancellationToken.None);
                elapsed = frame.Timestamp + frame.Duration;
            }
        }

        Console.WriteLine($"{name,-22} {source.Info.Width}x{source.Info.Height} x{source.Info.FrameCount} frames -> ends at {elapsed.TotalSeconds:0.00} s");
    }

    foreach (var sink in sinks) await sink.CompleteAsync(CancellationToken.None);
    Console.WriteLine($"Derby: {written} frames of {width}x{height}, {elapsed.TotalSeconds:0.0} s of video, rendered in {clock.Elapsed.TotalSeconds:0.0} s");
    foreach (var sink in sinks) Console.WriteLine($"  {sink.OutputPath}");
}
finally
{
    foreach (var sink in sinks) await sink.DisposeAsync();
}
