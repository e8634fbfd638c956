using Muybridge.Video.Depth;
using Muybridge.Video.Matting;
using System.CommandLine;

namespace Muybridge.Video.Cli.Commands;

/// <summary><c>muybridge stylize</c>: colour from a reference image, or a style network, steady from frame to frame.</summary>
internal static class StylizeCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var style = new StyleOptionsGroup();
        var outputs = CommonOptions.Outputs();
        var fps = CommonOptions.Fps();
        var contactSheet = CommonOptions.ContactSheet();
        var points = CommonOptions.Points();
        var providers = CommonOptions.Providers();
        var loop = CommonOptions.Loop("Colour memory starts from its end, so the seam does not jump (holds the clip in memory).");
        var command = new Command("stylize", "Colour grey frames from a reference image (model-free) or restyle them with a fast-neural-style model.") { points, providers, loop, fps, outputs, contactSheet };
        style.AddTo(command);
        input.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            input.RefuseOverwriting(parse, parse.GetValue(outputs) ?? []);
            if (!style.Requested(parse))
            {
                throw new UsageException("Give --reference image.jpg or --style-model style.onnx.");
            }

            await using var source = await input.OpenAsync(parse, ct);
            var prompts = CommonOptions.ParsePoints(parse.GetValue(points), null);
            var pipeline = Pipeline.From(source);
            if (prompts.Length > 0)
            {
                // A matte lets --subject-reference colour the subject and the ground-plane depth shape the colour.
                pipeline = pipeline.Matte(prompts).EstimateDepth();
            }

            using var stage = style.Create(parse, parse.GetValue(loop), CommonOptions.Session(parse.GetValue(providers)))!;
            pipeline = pipeline.Then(stage);
            if (prompts.Length > 0)
            {
                pipeline = pipeline.Then(new KeepOpaque());
            }

            await CommandRunner.WriteAsync(pipeline, parse.GetValue(outputs)!, parse.GetValue(contactSheet), parse.GetValue(fps), ct);
        }, cancellationToken));
        return command;
    }
}
