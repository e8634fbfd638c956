using Muybridge.Video.Interpolation;
using System.Diagnostics;
using System.Globalization;
using Muybridge.Video.Compositing;
using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Sinks;

namespace Muybridge.Video.Benchmarks;

/// <summary>
/// The long-clip memory run (not a BenchmarkDotNet benchmark: it measures the process's peak working set, which needs a
/// process of its own per length). The 24 real elephant frames, resized and played round and round for as many frames as
/// asked, go through interpolate ×2, the model-free matter from two clicks, the compositor over the scrolling field and
/// an MP4 file, as a user's long film would. Run it once per length and compare:
/// <c>dotnet run -c Release --project benchmarks/Muybridge.Video.Benchmarks -- longclip --frames 5000 --size 640x480</c>.
/// </summary>
internal static class LongClip
{
    public static async Task<int> RunAsync(string[] args)
    {
        var frames = int.Parse(Argument(args, "--frames", "1000"), CultureInfo.InvariantCulture);
        var (width, height) = BenchmarkData.ParseSize(Argument(args, "--size", "640x480"));
        var output = Argument(args, "--output", Path.Combine(Path.GetTempPath(), $"muybridge-longclip-{frames}.mp4"));
        var cycle = Enumerable.Range(1, 24).Select(n => BenchmarkData.Elephant(n, width, height)).ToList();
        using var scene = ScrollingBackground.FromFile(Path.Combine(BenchmarkData.Shared, "data", "backgrounds", "spruit-sunrise-360.jpg"), 120);
        await using var source = new CyclingSource(cycle, frames);
        var pipeline = Pipeline.From(source)
            .Interpolate(2)
            .Matte([new PointPrompt(width / 2, height / 2), new PointPrompt(width * 3 / 5, height * 9 / 20)])
            .Composite(scene);

        using var tally = args.Contains("--allocations") ? new AllocationTally() : null;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gen2Before = GC.CollectionCount(2);
        using var process = Process.GetCurrentProcess();
        var checkpoints = new List<string>();
        var clock = Stopwatch.StartNew();
        var progress = new Progress<PipelineProgress>();
        long lastReported = 0;
        // Progress<T> reports on the thread pool, so two reports may arrive at once.
        progress.ProgressChanged += (_, p) =>
        {
            lock (checkpoints)
            {
                if (p.FramesWritten - lastReported >= frames / 5)
                {
                    lastReported = p.FramesWritten;
                    process.Refresh();
                    // The managed heap beside the working set tells a growing .NET heap from native memory (libvips, malloc arenas).
                    var gc = GC.GetGCMemoryInfo();
                    checkpoints.Add($"{p.FramesWritten} frames out: working set {process.WorkingSet64 / 1048576.0:0} MiB, managed heap {gc.HeapSizeBytes / 1048576.0:0} MiB ({gc.FragmentedBytes / 1048576.0:0} free, {gc.TotalCommittedBytes / 1048576.0:0} committed, LOH {gc.GenerationInfo[3].SizeAfterBytes / 1048576.0:0}), {FramePool.Shared.Outstanding} buffers out (peak {FramePool.Shared.PeakOutstanding}){ResidentSplit()}, collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen 0/1/2) at {clock.Elapsed.TotalSeconds:0} s");
                }
            }
        };

        var result = await pipeline.WriteAsync(new Mp4Sink(output), progress);
        clock.Stop();
        process.Refresh();
        cycle.ForEach(f => f.Dispose());
        lock (checkpoints)
        {
            checkpoints.ForEach(Console.WriteLine);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"longclip {frames} frames {width}x{height} -> {result.FramesWritten} frames out in {clock.Elapsed.TotalSeconds:0.0} s ({clock.Elapsed.TotalMilliseconds / frames:0.0} ms per input frame); peak working set {process.PeakWorkingSet64 / 1048576.0:0} MiB; {Environment.ProcessorCount} cores"));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"allocated {allocated / 1048576.0:0} MiB ({allocated / 1024.0 / result.FramesWritten:0} KiB per frame out); {GC.CollectionCount(2) - gen2Before} full collections"));
        if (tally is not null)
        {
            tally.Top(25).ToList().ForEach(Console.WriteLine);
        }

        File.Delete(output);
        return 0;
    }

    /// <summary>On Linux, the working set split into anonymous memory (heaps, managed and native) and mapped files.</summary>
    private static string ResidentSplit()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return "";
        }

        var lines = File.ReadAllLines(status);
        string Field(string name) => lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?[name.Length..].Trim() ?? "?";
        return $", anonymous {Field("RssAnon:")}, files {Field("RssFile:")}";
    }

    private static string Argument(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    /// <summary>Clones of the cycle, round and round, timed at 12 frames per second.</summary>
    private sealed class CyclingSource(List<Frame> cycle, int count) : Sources.IFrameSource
    {
        public Sources.FrameSourceInfo Info => new(cycle[0].Width, cycle[0].Height, count, 12, $"{count} elephant frames");

        public async IAsyncEnumerable<Frame> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var frame = cycle[i % cycle.Count].Clone();
                frame.Index = i;
                frame.Duration = TimeSpan.FromSeconds(1 / 12.0);
                frame.Timestamp = frame.Duration * i;
                yield return frame;
                await Task.Yield();
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
