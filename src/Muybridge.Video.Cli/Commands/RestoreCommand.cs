using System.CommandLine;

namespace Muybridge.Video.Cli.Commands;

/// <summary><c>muybridge restore</c>: make a plate's frames one film: one photograph each, lined up, even in tone, clean, one stride.</summary>
internal static class RestoreCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var restoration = new RestorationOptions();
        var outputs = CommonOptions.Outputs();
        var fps = CommonOptions.Fps();
        var contactSheet = CommonOptions.ContactSheet();
        var noRegister = new Option<bool>("--no-register") { Description = "Do not line up the backdrops (default: on)." };
        var command = new Command("restore", "Turn a plate's frames into one film: collapse repeated frames, line up the backdrops, even out the tone, repair dust, optionally trim to one stride.")
        { noRegister, fps, outputs, contactSheet };
        input.AddTo(command);
        restoration.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            input.RefuseOverwriting(parse, parse.GetValue(outputs) ?? []);
            await using var source = await input.OpenAsync(parse, ct);
            var (stages, stride) = restoration.Stages(parse, register: !parse.GetValue(noRegister));
            var pipeline = stages.Aggregate(Pipeline.From(source), (chain, stage) => chain.Then(stage));
            await CommandRunner.WriteAsync(pipeline, parse.GetValue(outputs)!, parse.GetValue(contactSheet), parse.GetValue(fps), ct);
            RestorationOptions.Report(stride);
        }, cancellationToken));
        return command;
    }
}
