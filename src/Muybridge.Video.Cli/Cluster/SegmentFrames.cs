using Muybridge.Video.Imaging;
using System.Globalization;
using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;
using Muybridge.Video.Sinks;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Cli.Cluster;

/// <summary>
/// A segment's frames on the shared storage, lossless: one PNG per frame (RGBA when it has a matte) and frames.tsv with
/// each frame's time and duration in ticks, written last, so a folder without it is unfinished.
/// </summary>
internal static class SegmentFrames
{
    private const string Index = "frames.tsv";

    public static IFrameSink Sink(string folder) => new Writer(folder);

    public static IFrameSource Source(IReadOnlyList<string> folders) => new Reader(folders);

    private static string FrameName(int n) => $"frame_{n:D6}.png";

    private sealed class Writer : IFrameSink
    {
        private readonly List<string> _lines = [];

        public Writer(string folder)
        {
            OutputPath = folder;
            Directory.CreateDirectory(folder);
        }

        public string OutputPath { get; }

        public ValueTask WriteAsync(Frame frame, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            FrameFile.Save(frame, Path.Combine(OutputPath, FrameName(_lines.Count)));
            _lines.Add(string.Create(CultureInfo.InvariantCulture, $"{frame.Timestamp.Ticks}\t{frame.Duration.Ticks}"));
            return ValueTask.CompletedTask;
        }

        public async ValueTask CompleteAsync(CancellationToken cancellationToken)
        {
            var temporary = Path.Combine(OutputPath, Index + ".tmp");
            await File.WriteAllLinesAsync(temporary, _lines, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, Path.Combine(OutputPath, Index));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Reader : IFrameSource
    {
        private readonly List<(string Folder, string[] Lines)> _segments;

        public Reader(IReadOnlyList<string> folders)
        {
            _segments = [.. folders.Select(f => (f, File.Exists(Path.Combine(f, Index))
                ? File.ReadAllLines(Path.Combine(f, Index))
                : throw new InvalidFrameInputException($"The segment '{f}' is not finished (no {Index}): nothing is joined from it.")))];
            var first = _segments.FirstOrDefault(s => s.Lines.Length > 0);
            if (first.Folder is null)
            {
                throw new InvalidFrameInputException("The segments hold no frames.");
            }

            using var frame = FrameFile.Load(Path.Combine(first.Folder, FrameName(0)));
            var duration = TimeSpan.FromTicks(long.Parse(first.Lines[0].Split('\t')[1], CultureInfo.InvariantCulture));
            Info = new FrameSourceInfo(frame.Width, frame.Height, _segments.Sum(s => s.Lines.Length), duration > TimeSpan.Zero ? 1 / duration.TotalSeconds : 25, $"{_segments.Count} joined segment(s)");
        }

        public FrameSourceInfo Info { get; }

        public async IAsyncEnumerable<Frame> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var index = 0;
            foreach (var (folder, lines) in _segments)
            {
                for (var i = 0; i < lines.Length; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var times = lines[i].Split('\t');
                    var frame = FrameFile.Load(Path.Combine(folder, FrameName(i)));
                    frame.Index = index++;
                    frame.Timestamp = TimeSpan.FromTicks(long.Parse(times[0], CultureInfo.InvariantCulture));
                    frame.Duration = TimeSpan.FromTicks(long.Parse(times[1], CultureInfo.InvariantCulture));
                    yield return frame;
                }

                await Task.Yield();
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
