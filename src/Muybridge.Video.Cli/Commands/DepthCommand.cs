using System.CommandLine;
using Muybridge.Video.Depth;
using Muybridge.Video.Onnx.Depth;
using Muybridge.Video.Onnx.Sessions;

namespace Muybridge.Video.Cli.Commands;

/// <summary><c>muybridge depth</c>: a depth (nearness) map per frame, written as grey frames (white = near).</summary>
internal static class DepthCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var outputs = CommonOptions.Outputs();
        var fps = CommonOptions.Fps();
        var stageModel = new ModelOptions("A MiDaS / DPT / Depth-Anything ONNX export; default: the model-free ground-plane estimate (uses the frames' alpha when they have one).");
        var model = stageModel.Model;
        var catalog = new Option<string>("--catalog") { Description = "The catalog entry the --model file is checked against (see `muybridge models list`).", DefaultValueFactory = _ => "depth-anything-v2-small" };
        var providers = stageModel.Providers;
        var command = new Command("depth", "Estimate depth per frame and write it as grey frames (white = near).") { model, catalog, providers, fps, outputs };
        input.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            input.RefuseOverwriting(parse, parse.GetValue(outputs) ?? []);
            await using var source = await input.OpenAsync(parse, ct);
            using var onnx = parse.GetValue(model) is { } path
                ? new OnnxDepthEstimator(path, new OnnxDepthOptions { CatalogName = parse.GetValue(catalog)!, Session = CommonOptions.Session(parse.GetValue(providers)) })
                : null;
            if (onnx is not null)
            {
                CommonOptions.ReportProvider(parse.GetValue(providers), onnx.ActiveProvider);
            }

            IDepthEstimator estimator = onnx is null ? new GroundPlaneDepthEstimator() : onnx;
            await CommandRunner.WriteAsync(Pipeline.From(source).EstimateDepth(estimator).Then(new DepthPreview()), parse.GetValue(outputs)!, null, parse.GetValue(fps), ct);
        }, cancellationToken));
        return command;
    }
}
