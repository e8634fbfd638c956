using System.Diagnostics;
using System.Globalization;
using Muybridge.Video.Orleans.Jobs;
using Muybridge.Video.Orleans.Workers;

namespace Muybridge.Video.Orleans.Rendering;

/// <summary>
/// Runs <c>muybridge render</c> in a child process for each segment and for the join: the silo renders with exactly the
/// command a user runs on one machine, and a render that crashes cannot take the silo (or its other segments) down.
/// </summary>
public sealed class ProcessSegmentRenderer : ISegmentRenderer
{
    private readonly string _program;
    private readonly IReadOnlyList<string> _leadingArguments;

    /// <summary>Runs <paramref name="program"/> with <paramref name="leadingArguments"/> before <c>render</c> (e.g. <c>dotnet muybridge.dll</c>).</summary>
    public ProcessSegmentRenderer(string program, params IReadOnlyList<string> leadingArguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(program);
        _program = program;
        _leadingArguments = leadingArguments;
    }

    /// <summary>The renderer for the running <c>muybridge</c> (its own executable, or <c>dotnet muybridge.dll</c>).</summary>
    public static ProcessSegmentRenderer ForCurrentTool(string toolAssemblyPath)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? new ProcessSegmentRenderer(host, toolAssemblyPath)
            : new ProcessSegmentRenderer(host);
    }

    /// <inheritdoc />
    public Task RenderSegmentAsync(SegmentWork work, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var segment = work.Whole ? "whole" : string.Create(CultureInfo.InvariantCulture, $"{work.Start}:{work.End}");
        return RunAsync(work.Request, ["--cluster-segment", segment, "--cluster-output", folder], cancellationToken);
    }

    /// <inheritdoc />
    public Task JoinAsync(RenderJobRequest request, IReadOnlyList<string> segmentFolders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(segmentFolders);
        return RunAsync(request, [.. segmentFolders.SelectMany(f => new[] { "--cluster-join", f })], cancellationToken);
    }

    private async Task RunAsync(RenderJobRequest request, IReadOnlyList<string> extra, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(request.WorkingDirectory))
        {
            throw new SegmentRenderException($"The job's working folder '{request.WorkingDirectory}' is not reachable from this silo: every silo must mount the shared storage at the same path.");
        }

        var start = new ProcessStartInfo(_program)
        {
            WorkingDirectory = request.WorkingDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in _leadingArguments.Append("render").Concat(request.RenderArguments).Concat(extra))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{_program}'.");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(output, errors).ConfigureAwait(false);
        if (process.ExitCode is 1 or 2)
        {
            // The render's own refusal (exit 1: bad input, 2: bad arguments): the same on every silo.
            var line = (await errors.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "the render failed";
            throw new SegmentRenderException(line.StartsWith("error: ", StringComparison.Ordinal) ? line["error: ".Length..] : line);
        }

        if (process.ExitCode != 0)
        {
            // Killed or crashed: worth running again, here or elsewhere.
            throw new IOException($"'{_program} render' ended with exit code {process.ExitCode}: {(await errors.ConfigureAwait(false)).Trim()}");
        }
    }
}
