using System.CommandLine;

namespace Muybridge.Video.Cli.Commands;

/// <summary><c>muybridge interpolate</c>: slow motion by inserting in-between frames.</summary>
internal static class InterpolateCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var outputs = CommonOptions.Outputs();
        var fps = CommonOptions.Fps();
        var factor = new Option<int>("--factor") { Description = "Frames out per frame in.", DefaultValueFactory = _ => 2 };
        var loop = new Option<bool>("--loop") { Description = "Also interpolate the last→first seam." };
        var command = new Command("interpolate", "Insert in-between frames (slow motion) with the model-free interpolator.") { factor, loop, fps, outputs };
        input.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            await using var source = await input.OpenAsync(parse, ct);
            var pipeline = Pipeline.From(source).Interpolate(parse.GetValue(factor), parse.GetValue(loop));
            await CommandRunner.WriteAsync(pipeline, parse.GetValue(outputs)!, null, parse.GetValue(fps), ct);
        }, cancellationToken));
        return command;
    }
}
