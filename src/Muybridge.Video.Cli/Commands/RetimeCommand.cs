using System.CommandLine;

namespace Muybridge.Video.Cli.Commands;

/// <summary><c>muybridge retime</c>: speed, loops, ping-pong.</summary>
internal static class RetimeCommand
{
    public static Command Create()
    {
        var input = CommonOptions.Input();
        var outputs = CommonOptions.Outputs();
        var plate = CommonOptions.Plate();
        var fit = CommonOptions.Fit();
        var inputFps = CommonOptions.InputFps();
        var fps = CommonOptions.Fps();
        var speed = new Option<double>("--speed") { Description = "Playback speed (2 = twice as fast).", DefaultValueFactory = _ => 1 };
        var loops = new Option<int>("--loops") { Description = "Times the clip plays in a row.", DefaultValueFactory = _ => 1 };
        var pingPong = new Option<bool>("--ping-pong") { Description = "Play forward then backward." };
        var command = new Command("retime", "Change speed, repeat, or ping-pong a clip.") { input, plate, fit, inputFps, speed, loops, pingPong, fps, outputs };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            await using var source = await CommandRunner.OpenAsync(parse.GetValue(input)!, parse.GetValue(plate), parse.GetValue(fit), parse.GetValue(inputFps), ct);
            var pipeline = Pipeline.From(source).Retime(parse.GetValue(speed), parse.GetValue(loops), parse.GetValue(pingPong));
            await CommandRunner.WriteAsync(pipeline, parse.GetValue(outputs)!, null, parse.GetValue(fps), ct);
        }, cancellationToken));
        return command;
    }
}
