using System.CommandLine;
using Muybridge.Video.Compositing;

namespace Muybridge.Video.Cli.Commands;

/// <summary><c>muybridge composite</c>: RGBA frames over a scrolling background.</summary>
internal static class CompositeCommand
{
    public static Command Create()
    {
        var input = CommonOptions.Input();
        var outputs = CommonOptions.Outputs();
        var inputFps = CommonOptions.InputFps();
        var fps = CommonOptions.Fps();
        var background = new Option<string>("--background") { Description = "Background image; its right edge should join its left (a 360° panorama does).", Required = true };
        var scroll = new Option<double>("--scroll") { Description = "Scroll speed in output pixels per second.", DefaultValueFactory = _ => 120 };
        var width = new Option<int?>("--width") { Description = "Output width (default: the frame width)." };
        var height = new Option<int?>("--height") { Description = "Output height (default: the frame height)." };
        var subjectScale = new Option<double>("--subject-scale") { Description = "Subject height as a fraction of the output height.", DefaultValueFactory = _ => 1 };
        var feather = new Option<double>("--feather") { Description = "Extra matte edge softness in pixels." };
        var command = new Command("composite", "Composite frames with alpha (e.g. from 'muybridge matte') over a horizontally scrolling background.")
        {
            input, inputFps, background, scroll, width, height, subjectScale, feather, fps, outputs,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            var inputs = parse.GetValue(input)!;
            if (inputs.Length != 1)
            {
                throw new ArgumentException($"Give exactly one --input, not {inputs.Length}.");
            }

            await using var source = await CommandRunner.OpenAsync(inputs[0], null, Sources.CanvasFit.Refuse, parse.GetValue(inputFps), ct);
            using var scene = ScrollingBackground.FromFile(parse.GetValue(background)!, parse.GetValue(scroll));
            var pipeline = Pipeline.From(source).Composite(scene, new CompositeOptions
            {
                Width = parse.GetValue(width),
                Height = parse.GetValue(height),
                SubjectScale = parse.GetValue(subjectScale),
                Feather = parse.GetValue(feather),
            });
            await CommandRunner.WriteAsync(pipeline, parse.GetValue(outputs)!, null, parse.GetValue(fps), ct);
        }, cancellationToken));
        return command;
    }
}
