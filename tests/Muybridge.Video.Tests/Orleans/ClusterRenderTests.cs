using System.Diagnostics;
using System.Text.Json;
using Muybridge.Video.Orleans;
using Muybridge.Video.Orleans.Jobs;
using Muybridge.Video.Orleans.Rendering;
using Muybridge.Video.Orleans.Storage;
using Orleans.TestingHost;

namespace Muybridge.Video.Tests.Orleans;

/// <summary>
/// Three silos in one process (Orleans' in-process test cluster) render real Muybridge sequences through `muybridge
/// render` child processes, as `muybridge cluster silo` does; every output is compared byte for byte with the same render
/// run on one machine.
/// </summary>
public sealed class ClusterRenderTests : IAsyncLifetime
{
    private static readonly string Tool = Path.Combine(AppContext.BaseDirectory, "muybridge.dll");
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("muybridge-cluster");
    private InProcessTestCluster? _cluster;

    private InProcessTestCluster Cluster => _cluster!;

    public async ValueTask InitializeAsync()
    {
        var storage = new ClusterStorage(Path.Combine(_folder.FullName, "store"));
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) => silo.AddMuybridgeRendering(storage, new ProcessSegmentRenderer("dotnet", Tool), segmentsAtOnce: 1));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task The_buffalo_in_segments_and_the_bowler_plate_whole_equal_the_single_machine_run()
    {
        // The buffalo ×2 interpolated and twice as fast splits (speed at the join); the plate is registered to its first
        // frame, so it runs as one segment.
        var buffalo = await RenderBothWaysAsync("buffalo", segmentFrames: 4, "-i", SharedData.Muybridge("buffalo-gallop.gif"), "--interpolate", "2", "--speed", "2");
        Assert.True(buffalo.Plan.Splits);
        Assert.Equal(4, buffalo.Status.Segments.Count);
        Assert.Equal(16, buffalo.Status.FramesDone);
        Assert.Equal(16, buffalo.Status.FramesBySilo.Values.Sum());

        var plate = await RenderBothWaysAsync("plate", segmentFrames: 4, "-i", SharedData.Muybridge("horse-bowler-gallop-plate.jpg"), "--plate", "2x6", "--interpolate", "2");
        Assert.False(plate.Plan.Splits);
        Assert.Single(plate.Status.Segments);
        Assert.Equal(23, Directory.GetFiles(Path.Combine(_folder.FullName, "plate-cluster-frames"), "*.png").Length);
    }

    [Fact]
    public async Task A_silo_killed_mid_job_loses_its_segment_which_runs_again_elsewhere_with_the_same_bytes()
    {
        string[] recipe = ["-i", SharedData.Muybridge("horse-in-motion"), "--interpolate", "4", "--upscale", "2"];

        // Kill a silo that is rendering a segment and does not hold the job, once some work is done. On a busy machine a
        // job can run to its end between two looks (or only on the job's own silo while someone looks): then a new job
        // is tried, three in all.
        string? victim = null;
        var name = "";
        RenderJobRequest request = null!;
        for (var attempt = 1; victim is null && attempt <= 3; attempt++)
        {
            name = $"kill{attempt}";
            request = Request(name, recipe, sourceFrames: 13, segmentFrames: 2);
            var job = Cluster.Client.GetGrain<IRenderJobGrain>(name);
            var status = await job.SubmitAsync(request);
            for (var wait = Stopwatch.StartNew(); victim is null && !status.IsFinished && wait.Elapsed < TimeSpan.FromMinutes(2); await Task.Delay(50, TestContext.Current.CancellationToken))
            {
                status = await job.GetStatusAsync();
                victim = !status.IsFinished && status.FramesDone > 0 ? RunningOn(status).FirstOrDefault(s => s != status.JobSilo) : null;
            }
        }

        Assert.True(victim is not null, "in three jobs, none was seen running on a silo other than the job's own before it finished");
        await Cluster.KillSiloAsync(Cluster.Silos.Single(s => s.Name == victim), TestContext.Current.CancellationToken);
        var finished = await RenderJobs.RunAsync(Cluster.Client, name, request, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RenderJobState.Completed, finished.State);
        var lost = finished.Segments.Where(s => s.Attempts.Any(a => a.Contains($"lost on {victim}", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(lost);
        Assert.All(lost, s => Assert.True(s.Done && s.Attempts.Count >= 2));
        await RenderSingleAsync(name, recipe);
        AssertSameOutputs(name);
    }

    [Fact]
    public async Task A_job_whose_input_cannot_be_read_fails_with_the_renders_error_and_harms_no_other_job()
    {
        var missing = Path.Combine(_folder.FullName, "no-such-clip.gif");
        var bad = RenderJobs.RunAsync(Cluster.Client, "bad", Request("bad", ["-i", missing], sourceFrames: 8, segmentFrames: 4), cancellationToken: TestContext.Current.CancellationToken);
        var good = RenderJobs.RunAsync(Cluster.Client, "good", Request("good", ["-i", SharedData.Muybridge("buffalo-gallop.gif"), "--interpolate", "2"], sourceFrames: 16, segmentFrames: 8), cancellationToken: TestContext.Current.CancellationToken);

        var (failed, completed) = (await bad, await good);
        Assert.Equal(RenderJobState.Failed, failed.State);
        Assert.Contains("no-such-clip.gif", failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failed.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "bad-cluster.gif")));
        Assert.False(Directory.Exists(Path.Combine(_folder.FullName, "bad-cluster-frames")));
        Assert.Equal(RenderJobState.Completed, completed.State);
        Assert.True(new FileInfo(Path.Combine(_folder.FullName, "good-cluster.gif")).Length > 0);

        // The same name with another request is refused; with the same one it answers the job's status.
        await Assert.ThrowsAsync<ArgumentException>(() => Cluster.Client.GetGrain<IRenderJobGrain>("good").SubmitAsync(Request("good", ["-i", missing], 8, 4)));
        Assert.Equal(RenderJobState.Completed, (await Cluster.Client.GetGrain<IRenderJobGrain>("good").SubmitAsync(Request("good", ["-i", SharedData.Muybridge("buffalo-gallop.gif"), "--interpolate", "2"], 16, 8))).State);
    }

    [Fact]
    public async Task A_cancelled_job_stops_its_segments_and_writes_no_output()
    {
        var request = Request("cancel", ["-i", SharedData.Muybridge("horse-in-motion"), "--interpolate", "4", "--upscale", "2"], sourceFrames: 13, segmentFrames: 2);
        var job = Cluster.Client.GetGrain<IRenderJobGrain>("cancel");
        var status = await job.SubmitAsync(request);
        for (var wait = Stopwatch.StartNew(); !RunningOn(status).Any() && wait.Elapsed < TimeSpan.FromMinutes(1); await Task.Delay(50, TestContext.Current.CancellationToken))
        {
            status = await job.GetStatusAsync();
        }

        Assert.NotEmpty(RunningOn(status));
        status = await job.CancelAsync();
        Assert.Equal(RenderJobState.Cancelled, status.State);

        // Give a segment that was not stopped time to finish and a join time to start: neither may happen.
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        status = await job.GetStatusAsync();
        Assert.Equal(RenderJobState.Cancelled, status.State);
        Assert.True(status.FramesDone < 13);
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "cancel-cluster.gif")));
        Assert.False(Directory.Exists(Path.Combine(_folder.FullName, "cancel-cluster-frames")));
        Assert.Contains(status.Segments, s => s.Attempts.Any(a => a.Contains("cancelled", StringComparison.Ordinal)));
    }

    private static IEnumerable<string> RunningOn(RenderJobStatus status)
        => status.Segments.Where(s => !string.IsNullOrEmpty(s.RunningOn)).Select(s => s.RunningOn!);

    private RenderJobRequest Request(string name, string[] recipe, int sourceFrames, int segmentFrames) => new()
    {
        RenderArguments = [.. recipe, "-o", $"{name}-cluster.gif", "-o", $"{name}-cluster-frames"],
        WorkingDirectory = _folder.FullName,
        SourceFrames = sourceFrames,
        SegmentFrames = segmentFrames,
    };

    private async Task<(Plan Plan, RenderJobStatus Status)> RenderBothWaysAsync(string name, int segmentFrames, params string[] recipe)
    {
        // As `cluster render` does: the render's own plan says how many frames there are and whether the recipe splits.
        var planFile = Path.Combine(_folder.FullName, $"{name}.plan.json");
        await RunToolAsync(["render", .. recipe, "-o", "unused.gif", "--cluster-plan", planFile]);
        var plan = JsonSerializer.Deserialize<Plan>(await File.ReadAllTextAsync(planFile, TestContext.Current.CancellationToken))!;
        var status = await RenderJobs.RunAsync(Cluster.Client, name, Request(name, recipe, plan.Frames, plan.Splits ? segmentFrames : 0), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(RenderJobState.Completed, status.State);
        await RenderSingleAsync(name, recipe);
        AssertSameOutputs(name);
        return (plan, status);
    }

    private Task RenderSingleAsync(string name, string[] recipe) => RunToolAsync(["render", .. recipe, "-o", $"{name}-single.gif", "-o", $"{name}-single-frames"]);

    private void AssertSameOutputs(string name)
    {
        string At(string file) => Path.Combine(_folder.FullName, file);
        Assert.Equal(File.ReadAllBytes(At($"{name}-single.gif")), File.ReadAllBytes(At($"{name}-cluster.gif")));
        var single = Directory.GetFiles(At($"{name}-single-frames")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(single, Directory.GetFiles(At($"{name}-cluster-frames")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList());
        Assert.All(single, f => Assert.Equal(File.ReadAllBytes(At($"{name}-single-frames/{f}")), File.ReadAllBytes(At($"{name}-cluster-frames/{f}"))));
    }

    private async Task RunToolAsync(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _folder.FullName, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Tool);
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"muybridge {string.Join(' ', args)} exited {process.ExitCode}: {errors}{await output}");
    }

    private sealed record Plan(int Frames, bool Splits);
}
