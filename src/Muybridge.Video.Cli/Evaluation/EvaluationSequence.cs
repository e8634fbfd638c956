using Muybridge.Video.Frames;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Cli.Evaluation;

/// <summary>A named sequence to score: a folder, GIF or video, or a plate with its grid ("strip.png:1x16").</summary>
internal sealed record EvaluationSequence(string Name, string Path, (int Rows, int Columns)? Grid, PlateSlicing Slicing = PlateSlicing.DetectGutters)
{
    /// <summary>The aligned sequences of ../shared/data/muybridge that the interpolation anchors were measured on.</summary>
    public static IReadOnlyList<EvaluationSequence> StandardSet(string dataFolder) =>
    [
        new("elephant-walk", System.IO.Path.Combine(dataFolder, "elephant-walk"), null),
        new("buffalo-gallop", System.IO.Path.Combine(dataFolder, "buffalo-gallop"), null),
        new("horse-bowler-gallop", System.IO.Path.Combine(dataFolder, "horse-bowler-gallop"), null),
        new("daisy-gallop-strip", System.IO.Path.Combine(dataFolder, "daisy-gallop-strip.png"), (1, 16), PlateSlicing.EqualCells),
        new("horse-in-motion", System.IO.Path.Combine(dataFolder, "horse-in-motion"), null),
    ];

    /// <summary>Parses "path", "path:RxC" (gutters found) or "path:RxC:equal" (equal cells).</summary>
    public static EvaluationSequence Parse(string text)
    {
        var slicing = PlateSlicing.DetectGutters;
        if (text.EndsWith(":equal", StringComparison.OrdinalIgnoreCase))
        {
            slicing = PlateSlicing.EqualCells;
            text = text[..^":equal".Length];
        }

        var colon = text.LastIndexOf(':');
        (int, int)? grid = null;
        var path = text;
        if (colon > 1 && text[(colon + 1)..].Contains('x', StringComparison.OrdinalIgnoreCase))
        {
            grid = Commands.CommonOptions.ParseGrid(text[(colon + 1)..]);
            path = text[..colon];
        }

        var name = System.IO.Path.GetFileNameWithoutExtension(path.TrimEnd('/', '\\'));
        return new EvaluationSequence(name, path, grid, slicing);
    }

    /// <summary>Reads every frame; cut-outs are composited on mid-grey when <paramref name="flatten"/> (the anchors' protocol).</summary>
    /// <remarks>Printed frame numbers are kept: the anchors were scored on the frames as published.</remarks>
    public async Task<List<Frame>> ReadAsync(bool flatten, CancellationToken cancellationToken)
    {
        await using var source = Grid is { } grid && Slicing == PlateSlicing.EqualCells
            ? PlateSource.Open(Path, grid.Rows, grid.Columns, slicing: PlateSlicing.EqualCells, keepFrameNumbers: true)
            : await FrameSources.OpenAsync(Path, Grid, 12, CanvasFit.Refuse, keepFrameNumbers: true, cancellationToken).ConfigureAwait(false);
        var frames = new List<Frame>();
        await foreach (var frame in source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (flatten && frame.HasAlpha)
            {
                FrameOps.FlattenOnGrey(frame);
            }

            frames.Add(frame);
        }

        return frames;
    }
}
