using System.CommandLine;
using Muybridge.Video.Matting;

namespace Muybridge.Video.Cli.Commands;

/// <summary><c>muybridge matte</c>: click points, get RGBA frames.</summary>
internal static class MatteCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var outputs = CommonOptions.Outputs();
        var points = CommonOptions.Points();
        var negatives = CommonOptions.Negatives();
        var contactSheet = CommonOptions.ContactSheet();
        var feather = new Option<double>("--feather") { Description = "Matte edge softness in pixels.", DefaultValueFactory = _ => 1.5 };
        var grow = new Option<int>("--grow") { Description = "Grow (positive) or shrink (negative) the matte, in working pixels." };
        var command = new Command("matte", "Cut the subject out of every frame from one or two clicks; writes RGBA (PNG frames, APNG, WebP).")
        { points, negatives, feather, grow, outputs, contactSheet,
        };
        input.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            var prompts = CommonOptions.ParsePoints(parse.GetValue(points), parse.GetValue(negatives));
            await using var source = await input.OpenAsync(parse, ct);
            foreach (var prompt in prompts)
            {
                prompt.EnsureInside(source.Info.Width, source.Info.Height);
            }

            var pipeline = Pipeline.From(source).Matte(prompts, new SeededMatterOptions { Feather = parse.GetValue(feather), Grow = parse.GetValue(grow) });
            await CommandRunner.WriteAsync(pipeline, parse.GetValue(outputs)!, parse.GetValue(contactSheet), null, ct);
        }, cancellationToken));
        return command;
    }
}
