using System.CommandLine;
using Muybridge.Video.Restoration;

namespace Muybridge.Video.Cli.Commands;

/// <summary><c>muybridge restore</c>: make a plate's frames one film: one photograph each, lined up, even in tone, one stride.</summary>
internal static class RestoreCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var outputs = CommonOptions.Outputs();
        var fps = CommonOptions.Fps();
        var contactSheet = CommonOptions.ContactSheet();
        var keepDuplicates = new Option<bool>("--keep-duplicates") { Description = "Keep repeated frames (default: a GIF or film that holds each photograph for several frames is collapsed to its photographs)." };
        var noTone = new Option<bool>("--no-tone") { Description = "Leave each camera's exposure as it is (default: match every frame's backdrop to the first frame's)." };
        var noRegister = new Option<bool>("--no-register") { Description = "Do not line up the backdrops (default: on)." };
        var stride = new Option<bool>("--stride") { Description = "Trim to one gait cycle starting where the loop seam is smoothest (fails clearly when there is no repeating stride)." };
        var command = new Command("restore", "Turn a plate's frames into one film: collapse repeated frames, line up the backdrops, even out the tone, optionally trim to one stride.")
        { keepDuplicates, noTone, noRegister, stride, fps, outputs, contactSheet };
        input.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            await using var source = await input.OpenAsync(parse, ct);
            var pipeline = Pipeline.From(source);
            if (!parse.GetValue(keepDuplicates))
            {
                pipeline = pipeline.Then(new DuplicateFrameCollapser());
            }

            if (!parse.GetValue(noRegister))
            {
                pipeline = pipeline.Register();
            }

            if (!parse.GetValue(noTone))
            {
                pipeline = pipeline.Then(new ToneNormalizer());
            }

            var loop = parse.GetValue(stride) ? new StrideLoop() : null;
            if (loop is not null)
            {
                pipeline = pipeline.Then(loop);
            }

            await CommandRunner.WriteAsync(pipeline, parse.GetValue(outputs)!, parse.GetValue(contactSheet), parse.GetValue(fps), ct);
            if (loop?.Cycle is { } cycle)
            {
                Console.WriteLine($"stride: {cycle.Period} frames from frame {cycle.LoopStart} (seam {cycle.SeamCost:0.00}× an ordinary step)");
            }
        }, cancellationToken));
        return command;
    }
}
