using System.CommandLine;
using System.Globalization;
using Muybridge.Video.Compositing;

namespace Muybridge.Video.Cli.Commands;

/// <summary>Depth in the composited scene, shared by <c>composite</c> and <c>render</c>: parallax, layers, a contact shadow.</summary>
internal sealed class SceneOptions
{
    private readonly Option<string?> _parallax = new("--parallax") { Description = "HORIZON:RATIO — what lies above the horizon (a fraction of the background's height from the top) drifts at RATIO times the ground's speed, e.g. 0.45:0.3." };
    private readonly Option<string[]> _layers = new("--layer") { Description = "FILE[:RATIO] — a picture with alpha (trees, a fence) drawn over the background, scrolling at RATIO times the ground's speed (default 1). Repeatable, drawn in order." };
    private readonly Option<double> _shadow = new("--shadow") { Description = "Contact shadow under the subject: its opacity, 0…1 (e.g. 0.5; default 0 = none)." };
    private readonly Option<double?> _groundLine = new("--ground-line") { Description = "Where the ground is for the shadow, as a fraction of the subject frame's height (default: each frame's feet, the lowest row the matte covers)." };

    public void AddTo(Command command)
    {
        command.Options.Add(_parallax);
        command.Options.Add(_layers);
        command.Options.Add(_shadow);
        command.Options.Add(_groundLine);
    }

    /// <summary>The first scene option given on the command line, if any.</summary>
    public string? AnyGiven(ParseResult parse)
        => parse.GetValue(_parallax) is not null ? _parallax.Name
            : parse.GetValue(_layers) is { Length: > 0 } ? _layers.Name
            : parse.GetValue(_shadow) != 0 ? _shadow.Name
            : parse.GetValue(_groundLine) is not null ? _groundLine.Name
            : null;

    /// <summary>The background with the parallax split and the layers added (takes ownership of <paramref name="background"/>).</summary>
    public ScrollingBackground Build(ScrollingBackground background, ParseResult parse)
    {
        if (parse.GetValue(_parallax) is { } parallax)
        {
            var parts = parallax.Split(':');
            if (parts.Length != 2 || !TryNumber(parts[0], out var horizon) || !TryNumber(parts[1], out var ratio))
            {
                background.Dispose();
                throw new UsageException($"--parallax takes HORIZON:RATIO, e.g. 0.45:0.3, not '{parallax}'.");
            }

            background = Replace(background, b => b.WithParallax(horizon, ratio));
        }

        foreach (var (file, ratio) in Layers(parse))
        {
            background = Replace(background, b => b.WithLayer(file, ratio));
        }

        return background;
    }

    private static ScrollingBackground Replace(ScrollingBackground background, Func<ScrollingBackground, ScrollingBackground> change)
    {
        try
        {
            return change(background);
        }
        finally
        {
            background.Dispose();
        }
    }

    /// <summary>The contact shadow asked for, if any.</summary>
    public ContactShadow? Shadow(ParseResult parse)
    {
        var opacity = parse.GetValue(_shadow);
        var ground = parse.GetValue(_groundLine);
        if (ground is not null && opacity == 0)
        {
            throw new UsageException("--ground-line places the contact shadow: add --shadow OPACITY.");
        }

        return opacity == 0 ? null : new ContactShadow { Opacity = opacity, GroundLine = ground };
    }

    /// <summary>The layer pictures (for the manifest's input hashes).</summary>
    public IEnumerable<string> Files(ParseResult parse) => Layers(parse).Select(l => l.File);

    private IEnumerable<(string File, double Ratio)> Layers(ParseResult parse)
    {
        foreach (var text in parse.GetValue(_layers) ?? [])
        {
            // A drive letter has a colon too: only a number after the last one is a ratio.
            var colon = text.LastIndexOf(':');
            if (colon > 1 && TryNumber(text[(colon + 1)..], out var ratio))
            {
                yield return (text[..colon], ratio);
            }
            else
            {
                yield return (text, 1);
            }
        }
    }

    private static bool TryNumber(string text, out double value) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
