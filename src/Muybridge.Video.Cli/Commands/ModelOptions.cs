using System.CommandLine;
using Muybridge.Video.Onnx.Sessions;

namespace Muybridge.Video.Cli.Commands;

/// <summary>
/// A command's model and where it runs, defined once for every command with one ONNX stage (matte, depth, upscale):
/// --model is that stage's model file (or catalog name), --provider the execution providers to try, best first.
/// </summary>
internal sealed class ModelOptions(string modelDescription)
{
    public Option<string?> Model { get; } = new("--model") { Description = modelDescription };

    public Option<ExecutionProvider[]> Providers { get; } = CommonOptions.Providers();
}
