using Muybridge.Video.Timing;
using System.Globalization;
using System.Text.Json;
using Muybridge.Video.Cli.Commands;
using Muybridge.Video.Recipes;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Cli.Cluster;

/// <summary>
/// The parts of <c>render</c> a cluster runs (hidden options, given by <c>cluster render</c> and the silos): the plan
/// (frame count, whether the recipe splits), one segment into lossless frames, and the join of the segments into the outputs.
/// </summary>
internal static class ClusterPart
{
    public static async Task WritePlanAsync(string file, IFrameSource source, RenderRecipe recipe, CancellationToken cancellationToken)
    {
        var frames = source.Info.FrameCount ?? throw new CommandException($"{source.Info.Description} does not say how many frames it holds, so it cannot be split for the cluster.");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new Plan(frames, recipe.SplitsIntoSegments)), cancellationToken).ConfigureAwait(false);
    }

    public static Plan ReadPlan(string file) => JsonSerializer.Deserialize<Plan>(File.ReadAllText(file)) ?? throw new CommandException("The render's plan is empty.");

    public static async Task RenderSegmentAsync(string segment, string folder, IFrameSource source, RenderRecipe recipe, CancellationToken cancellationToken)
    {
        await using var sink = SegmentFrames.Sink(folder);
        if (segment == "whole")
        {
            // One segment: the recipe runs exactly as on one machine, retiming and composition included.
            await recipe.Build(source, Console.WriteLine).Pipeline.WriteAsync(sink, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var bounds = segment.Split(':');
        if (bounds.Length != 2 || !int.TryParse(bounds[0], CultureInfo.InvariantCulture, out var start) || !int.TryParse(bounds[1], CultureInfo.InvariantCulture, out var end) || start < 0 || end <= start)
        {
            throw new UsageException($"--cluster-segment takes START:END or whole, not '{segment}'.");
        }

        if (!recipe.SplitsIntoSegments)
        {
            throw new UsageException("This render carries memory from the clip's first frame (a matte, colour, a loop seam, restoration or registration): it runs as one segment.");
        }

        // Speed and loops are applied at the join, over the whole clip, as the single-machine run applies them.
        await using var piece = new SegmentSource(source, start, end);
        var plan = (recipe with { Speed = 1, Loops = 1 }).Build(piece, Console.WriteLine);
        await plan.Pipeline.KeepSegment(piece).WriteAsync(sink, null, cancellationToken).ConfigureAwait(false);
    }

    public static async Task JoinAsync(IReadOnlyList<string> segments, double speed, int loops, string[] outputs, string? contactSheet, double? fps, CancellationToken cancellationToken)
    {
        await using var joined = SegmentFrames.Source(segments);
        var pipeline = Pipeline.From(joined);
        if (segments.Count > 1 && (speed != 1 || loops != 1))
        {
            pipeline = pipeline.Retime(speed, loops);
        }

        await CommandRunner.WriteAsync(pipeline, outputs, contactSheet, fps, cancellationToken).ConfigureAwait(false);
    }

    public sealed record Plan(int Frames, bool Splits);
}
