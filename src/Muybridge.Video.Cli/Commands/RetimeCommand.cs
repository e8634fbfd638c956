using Muybridge.Video.Timing;
using System.CommandLine;

namespace Muybridge.Video.Cli.Commands;

/// <summary><c>muybridge retime</c>: speed, loops, ping-pong.</summary>
internal static class RetimeCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var outputs = CommonOptions.Outputs();
        var fps = CommonOptions.Fps();
        var speed = new Option<double>("--speed") { Description = "Playback speed (2 = twice as fast).", DefaultValueFactory = _ => 1 }.Within(0.01, 100);
        var loops = new Option<int>("--loops") { Description = "Times the clip plays in a row.", DefaultValueFactory = _ => 1 }.Within(1, 1000);
        var pingPong = new Option<bool>("--ping-pong") { Description = "Play forward then backward." };
        var command = new Command("retime", "Change speed, repeat, or ping-pong a clip.") { speed, loops, pingPong, fps, outputs };
        input.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            input.RefuseOverwriting(parse, parse.GetValue(outputs) ?? []);
            await using var source = await input.OpenAsync(parse, ct);
            var pipeline = Pipeline.From(source).Retime(parse.GetValue(speed), parse.GetValue(loops), parse.GetValue(pingPong));
            await CommandRunner.WriteAsync(pipeline, parse.GetValue(outputs)!, null, parse.GetValue(fps), ct);
        }, cancellationToken));
        return command;
    }
}
