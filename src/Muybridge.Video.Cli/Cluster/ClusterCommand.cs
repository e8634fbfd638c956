using System.CommandLine;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Muybridge.Video.Cli.Commands;
using Muybridge.Video.Orleans;
using Muybridge.Video.Orleans.Jobs;
using Muybridge.Video.Orleans.Rendering;
using Muybridge.Video.Orleans.Storage;
using Orleans.Configuration;

namespace Muybridge.Video.Cli.Cluster;

/// <summary><c>muybridge cluster silo</c> starts a worker silo; <c>muybridge cluster render</c> submits a render and follows it.</summary>
internal static class ClusterCommand
{
    public static Command Create() => new("cluster", "Render on a Microsoft Orleans cluster whose state lives in a folder every machine mounts (docs/cluster.md).")
    {
        Silo(),
        Render(),
    };

    private static Command Silo()
    {
        var storage = new Option<string>("--storage") { Description = "The shared folder (the same path on every machine): membership, job state, segments.", Required = true };
        var address = new Option<string>("--address") { Description = "The address other silos and clients reach this one at.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Silo-to-silo port.", DefaultValueFactory = _ => 11111 }.Within(1, 65535);
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Port clients connect to.", DefaultValueFactory = _ => 30000 }.Within(1, 65535);
        var name = new Option<string?>("--name") { Description = "The silo's name in progress lines (default: host and port)." };
        var command = new Command("silo", "Start a worker silo; it renders segments and joins jobs until stopped (Ctrl+C).") { storage, address, port, gatewayPort, name };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            if (!IPAddress.TryParse(parse.GetValue(address), out var ip))
            {
                throw new UsageException($"--address takes an IP address, not '{parse.GetValue(address)}'.");
            }

            var shared = new ClusterStorage(parse.GetValue(storage)!);
            var siloName = parse.GetValue(name) ?? $"{Environment.MachineName}:{parse.GetValue(port)}";
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
                .AddFilter("Muybridge", LogLevel.Information).AddFilter("Orleans.Runtime.Silo", LogLevel.None).AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error)

                // A silo that cannot start says so in the command's own one line, not in the lifecycle's stack trace.
                .AddFilter("Orleans.Runtime.SiloLifecycleSubject", LogLevel.None).AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            builder.UseOrleans(silo => silo
                .UseMuybridgeCluster(shared, ProcessSegmentRenderer.ForCurrentTool(typeof(ClusterCommand).Assembly.Location), ip, parse.GetValue(port), parse.GetValue(gatewayPort))
                .Configure<SiloOptions>(o => o.SiloName = siloName));
            using var host = builder.Build();
            try
            {
                await host.StartAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new CommandException($"silo {siloName} could not start on {ip}:{parse.GetValue(port)} (gateway {parse.GetValue(gatewayPort)}): {e.Message}", e);
            }

            Console.WriteLine($"silo {siloName}: up at {ip}:{parse.GetValue(port)} (gateway {parse.GetValue(gatewayPort)}), storage {shared.Root}");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                await host.StopAsync(CancellationToken.None);
                Console.WriteLine($"silo {siloName}: stopped");
            }
        }, cancellationToken));
        return command;
    }

    private static Command Render()
    {
        var cluster = new Option<string>("--cluster") { Description = "The cluster's shared folder (as its silos' --storage).", Required = true };
        var job = new Option<string?>("--job") { Description = "The job's name (default: render-<time>); submitting the same name again follows that job." };
        var segmentFrames = new Option<int>("--segment-frames") { Description = "Source frames per segment, when the recipe splits (interpolation, upscaling, speed; not a matte, colour or a loop seam).", DefaultValueFactory = _ => 16 }.Within(1, 1_000_000);
        var command = new Command("render", "Render on the cluster: takes `muybridge render`'s options (input, recipe, outputs), splits the clip into segments where the recipe allows, and writes the same outputs a single machine would.")
        {
            cluster, job, segmentFrames,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var arguments = parse.UnmatchedTokens.ToList();
            var planFile = Path.GetTempFileName();
            try
            {
                // The same parse and checks as `render` (its own one-line errors and exit codes): a bad input or option is
                // refused here, before anything is submitted.
                var refused = arguments.FirstOrDefault(a => a is "--write-manifest" or "--manifest" || a.StartsWith("--cluster-", StringComparison.Ordinal));
                var code = refused is null ? await MuybridgeCli.RunAsync(["render", .. arguments, "--cluster-plan", planFile]) : 0;
                return code != 0 ? code : await CommandRunner.RunAsync(async ct =>
                {
                    if (refused is not null)
                    {
                        throw new UsageException($"{refused} is not taken by cluster render.");
                    }

                    var plan = ClusterPart.ReadPlan(planFile);
                    var request = new RenderJobRequest
                    {
                        RenderArguments = arguments,
                        WorkingDirectory = Environment.CurrentDirectory,
                        SourceFrames = plan.Frames,
                        SegmentFrames = plan.Splits ? parse.GetValue(segmentFrames) : 0,
                    };
                    var jobId = parse.GetValue(job) ?? $"render-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Random.Shared.Next(1000):D3}";
                    var status = await RunJobAsync(new ClusterStorage(parse.GetValue(cluster)!), jobId, request, plan.Splits, ct);
                    Report(status);
                    if (status.State != RenderJobState.Completed)
                    {
                        throw status.State == RenderJobState.Cancelled ? new OperationCanceledException() : new InvalidOperationException($"job {jobId} failed: {status.Error}");
                    }
                }, cancellationToken);
            }
            finally
            {
                File.Delete(planFile);
            }
        });
        return command;
    }

    private static async Task<RenderJobStatus> RunJobAsync(ClusterStorage storage, string jobId, RenderJobRequest request, bool splits, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var tries = 0;
        builder.UseOrleansClient(client => client.UseMuybridgeCluster(storage).UseConnectionRetryFilter(async (_, ct) =>
        {
            // Silos that are still starting get five seconds to appear in the table; Orleans' own default waits minutes.
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            return ++tries < 5;
        }));
        using var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new CommandException($"No silo of the cluster in '{storage.Root}' answers ({e.Message}); start one with `muybridge cluster silo --storage {storage.Root}`.", e);
        }

        var how = splits ? $"{(request.SourceFrames + request.SegmentFrames - 1) / request.SegmentFrames} segment(s) of up to {request.SegmentFrames} frames" : "one segment (the recipe carries memory from the first frame)";
        Console.WriteLine($"job {jobId}: {request.SourceFrames} source frames, {how}");
        var progress = new ProgressLines(jobId);
        var status = await RenderJobs.RunAsync(host.Services.GetRequiredService<IClusterClient>(), jobId, request, progress, cancellationToken: cancellationToken);
        await host.StopAsync(CancellationToken.None);
        return status;
    }

    private static void Report(RenderJobStatus status)
    {
        foreach (var segment in status.Segments)
        {
            Console.WriteLine($"  segment {segment.Index} (frames {segment.Start}–{segment.End - 1}): {string.Join("; ", segment.Attempts)}");
        }
    }

    // Prints a line when the job's progress changes, in the order the polls saw it (Progress<T> would post to the pool).
    private sealed class ProgressLines(string jobId) : IProgress<RenderJobStatus>
    {
        private string _last = "";

        public void Report(RenderJobStatus value)
        {
            var running = value.Segments.Select(s => s.RunningOn).Where(silo => !string.IsNullOrEmpty(silo)).Distinct().Order(StringComparer.Ordinal);
            var line = $"job {jobId} (held by {value.JobSilo}): {value.State.ToString().ToLowerInvariant()}, {value.FramesDone}/{value.FramesTotal} frames done"
                + $" ({string.Join(", ", value.FramesBySilo.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}); running on: {string.Join(", ", running)}";
            if (line != _last)
            {
                Console.WriteLine(_last = line);
            }
        }
    }
}
