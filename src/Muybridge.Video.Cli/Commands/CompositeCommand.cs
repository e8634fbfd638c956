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
        var width = new Option<int?>("--width") { Description = "Output width (default: the frame width)." }.Within(1, 16384);
        var height = new Option<int?>("--height") { Description = "Output height (default: the frame height)." }.Within(1, 16384);
        var subjectScale = new Option<double>("--subject-scale") { Description = "Subject height as a fraction of the output height.", DefaultValueFactory = _ => 1 };
        var baseline = new Option<double>("--baseline") { Description = "Where the subject frame's bottom edge goes, as a fraction of the output height (1 = the bottom).", DefaultValueFactory = _ => 1 };
        var feather = new Option<double>("--extra-feather") { Description = "Softness in pixels added to the matte's edge of the cut-outs given (0 = as they are)." };
        var sceneOptions = new SceneOptions();
        var command = new Command("composite", "Composite frames with alpha (e.g. from 'muybridge matte') over a horizontally scrolling background.")
        {
            input, inputFps, background, scroll, width, height, subjectScale, baseline, feather, fps, outputs,
        };
        sceneOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            var inputs = parse.GetValue(input)!;
            if (inputs.Length != 1)
            {
                throw new UsageException($"Give exactly one --input, not {inputs.Length}.");
            }

            await using var source = await CommandRunner.OpenAsync(inputs[0], null, Sources.CanvasFit.Refuse, parse.GetValue(inputFps), keepFrameNumbers: false, ct);
            var shadow = sceneOptions.Shadow(parse);
            using var scene = sceneOptions.Build(ScrollingBackground.FromFile(parse.GetValue(background)!, parse.GetValue(scroll)), parse);
            var pipeline = Pipeline.From(source).Composite(scene, new CompositeOptions
            {
                Width = parse.GetValue(width),
                Height = parse.GetValue(height),
                SubjectScale = parse.GetValue(subjectScale),
                Baseline = parse.GetValue(baseline),
                Feather = parse.GetValue(feather),
                Shadow = shadow,
            });
            await CommandRunner.WriteAsync(pipeline, parse.GetValue(outputs)!, null, parse.GetValue(fps), ct);
        }, cancellationToken));
        return command;
    }
}
