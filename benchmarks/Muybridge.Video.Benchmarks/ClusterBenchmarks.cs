using Muybridge.Video.Interpolation;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Muybridge.Video.Orleans;
using Muybridge.Video.Orleans.Jobs;
using Muybridge.Video.Orleans.Rendering;
using Muybridge.Video.Orleans.Storage;
using Muybridge.Video.Sinks;
using Muybridge.Video.Sources;
using Orleans.TestingHost;

namespace Muybridge.Video.Benchmarks;

/// <summary>
/// What a segment costs on the cluster beyond its render: the first eight buffalo frames ×2 interpolated (one segment)
/// rendered in-process (the baseline), by the `muybridge render` child process a worker runs, and as a whole job on a
/// one-silo cluster (submit, place the worker, render, rename, join into PNG frames, poll). The differences are the
/// process start and the scheduling + join overheads (docs/cluster.md).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class ClusterBenchmarks
{
    private static readonly string Tool = Path.Combine(BenchmarkData.Repository, "src", "Muybridge.Video.Cli", "bin", "Release", "net10.0", "muybridge.dll");
    private DirectoryInfo _folder = null!;
    private string _input = null!;
    private InProcessTestCluster _cluster = null!;
    private int _job;

    [GlobalSetup]
    public void Setup()
    {
        if (!File.Exists(Tool))
        {
            throw new FileNotFoundException($"Build the CLI first (dotnet build -c Release): {Tool} is missing.");
        }

        _folder = Directory.CreateTempSubdirectory("muybridge-cluster-bench");
        _input = Directory.CreateDirectory(Path.Combine(_folder.FullName, "buffalo-8")).FullName;
        foreach (var frame in Directory.GetFiles(Path.Combine(BenchmarkData.Shared, "data", "muybridge", "buffalo-gallop"), "*.png").Order(StringComparer.Ordinal).Take(8))
        {
            File.Copy(frame, Path.Combine(_input, Path.GetFileName(frame)));
        }

        var storage = new ClusterStorage(Path.Combine(_folder.FullName, "store"));
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddMuybridgeRendering(storage, new ProcessSegmentRenderer("dotnet", Tool), segmentsAtOnce: 1));
        _cluster = builder.Build();
        _cluster.DeployAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _folder.Delete(recursive: true);
    }

    [Benchmark(Baseline = true, Description = "the segment rendered in-process (library)")]
    public async Task InProcess()
    {
        await using var source = await FrameSources.OpenAsync(_input);
        await Pipeline.From(source).Interpolate(2).WriteAsync(new PngSequenceSink(Path.Combine(_folder.FullName, "in-process")));
    }

    [Benchmark(Description = "the segment by a worker's child process (muybridge render --cluster-segment)")]
    public async Task ChildProcess()
    {
        var output = Path.Combine(_folder.FullName, $"child-{_job++}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { Tool, "render", "-i", _input, "--interpolate", "2", "-o", "unused.gif", "--cluster-segment", "whole", "--cluster-output", output })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Directory.Delete(output, recursive: true);
    }

    [Benchmark(Description = "a one-segment job on the cluster (schedule, render, rename, join to PNG frames)")]
    public async Task ClusterJob()
    {
        var request = new RenderJobRequest
        {
            RenderArguments = ["-i", _input, "--interpolate", "2", "-o", "joined"],
            WorkingDirectory = _folder.FullName,
            SourceFrames = 8,
        };
        var status = await RenderJobs.RunAsync(_cluster.Client, $"bench-{_job++}", request, poll: TimeSpan.FromMilliseconds(20));
        if (status.State != RenderJobState.Completed)
        {
            throw new InvalidOperationException($"The job ended {status.State}: {status.Error}");
        }
    }
}
