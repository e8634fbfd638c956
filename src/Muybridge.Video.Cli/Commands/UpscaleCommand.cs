using System.CommandLine;
using Muybridge.Video.Onnx.Upscaling;
using Muybridge.Video.Upscaling;

namespace Muybridge.Video.Cli.Commands;

/// <summary><c>muybridge upscale</c>: 2× or 4× larger frames, with Lanczos or a Real-ESRGAN model.</summary>
internal static class UpscaleCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var outputs = CommonOptions.Outputs();
        var fps = CommonOptions.Fps();
        var scale = new Option<int>("--scale") { Description = "2 or 4.", DefaultValueFactory = _ => 2 };
        var stageModel = new ModelOptions("A Real-ESRGAN ×4 ONNX export (e.g. realesr-animevideov3.onnx); default: Lanczos.");
        var model = stageModel.Model;
        var tile = new Option<int>("--tile") { Description = "Model tile size in input pixels (smaller uses less memory).", DefaultValueFactory = _ => 128 };
        var providers = stageModel.Providers;
        var command = new Command("upscale", "Make frames 2× or 4× larger.") { scale, model, tile, providers, fps, outputs };
        input.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            input.RefuseOverwriting(parse, parse.GetValue(outputs) ?? []);
            var factor = parse.GetValue(scale);
            if (factor is not (2 or 4))
            {
                throw new UsageException($"--scale is 2 or 4, not {factor}.");
            }

            await using var source = await input.OpenAsync(parse, ct);
            using var esrgan = parse.GetValue(model) is { } path ? new RealEsrganUpscaler(path, new RealEsrganOptions { Scale = factor, TileSize = parse.GetValue(tile), Session = CommonOptions.Session(parse.GetValue(providers)) }) : null;
            if (esrgan is not null)
            {
                CommonOptions.ReportProvider(parse.GetValue(providers), esrgan.ActiveProvider);
            }

            IFrameStage stage = esrgan is null ? new LanczosUpscaler(factor) : esrgan;
            await CommandRunner.WriteAsync(Pipeline.From(source).Then(stage), parse.GetValue(outputs)!, null, parse.GetValue(fps), ct);
        }, cancellationToken));
        return command;
    }
}
