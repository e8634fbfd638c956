using Muybridge.Video.Imaging;
using Muybridge.Video.Registration;
using System.CommandLine;
using Muybridge.Video.Frames;
using Muybridge.Video.Interpolation;

namespace Muybridge.Video.Cli.Commands;

/// <summary><c>muybridge interpolate</c>: slow motion by inserting in-between frames, or one frame between two images.</summary>
internal static class InterpolateCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var how = new InterpolationOptions();
        var outputs = CommonOptions.Outputs();
        var fps = CommonOptions.Fps();
        var factor = new Option<int>("--factor") { Description = "Frames out per frame in (2, 4, any N).", DefaultValueFactory = _ => 2 }.Within(1, 64);
        var loop = CommonOptions.Loop("The last→first seam is interpolated too, so a cyclic gait loops without a hitch.");
        var at = new Option<float?>("--at") { Description = "With two --input images: write the one frame at this time in (0, 1) between them." };
        var providers = CommonOptions.Providers();
        var command = new Command("interpolate", "Insert in-between frames (slow motion), or synthesise one frame between two images with --at.") { factor, loop, at, providers, fps, outputs };
        input.AddTo(command);
        how.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            input.RefuseOverwriting(parse, parse.GetValue(outputs) ?? []);
            using var interpolator = how.Create(parse, CommonOptions.Session(parse.GetValue(providers)));
            {
                if (parse.GetValue(at) is { } t)
                {
                    await BetweenTwoAsync(input.Inputs(parse), t, interpolator, parse.GetValue(outputs)!, ct);
                    return;
                }

                if (parse.GetValue(factor) < 1)
                {
                    throw new UsageException($"--factor must be at least 1, not {parse.GetValue(factor)}.");
                }

                await using var source = await input.OpenAsync(parse, ct);
                var pipeline = Pipeline.From(source);
                if (how.Register(parse, input.IsPlate(parse)))
                {
                    pipeline = pipeline.Register();
                }

                pipeline = pipeline.Interpolate(interpolator, parse.GetValue(factor), parse.GetValue(loop));
                await CommandRunner.WriteAsync(pipeline, parse.GetValue(outputs)!, null, parse.GetValue(fps), ct);
            }
        }, cancellationToken));
        return command;
    }

    private static async Task BetweenTwoAsync(string[] inputs, float t, IFrameInterpolator interpolator, string[] outputs, CancellationToken cancellationToken)
    {
        if (inputs.Length != 2)
        {
            throw new UsageException($"--at synthesises one frame between two images: give exactly two --input images, not {inputs.Length}.");
        }

        if (!(t > 0 && t < 1))
        {
            throw new UsageException($"--at must lie strictly between 0 and 1, not {t}.");
        }

        using var first = FrameFile.Load(inputs[0]);
        using var second = FrameFile.Load(inputs[1]);
        using var result = first.CreateSibling();
        await Task.Run(() => interpolator.Interpolate(first, second, [t], [result], cancellationToken), cancellationToken);
        foreach (var output in outputs)
        {
            FrameFile.Save(result, output);
            Console.WriteLine($"wrote {output} ({result.Width}x{result.Height}, t = {t})");
        }
    }
}
