using System.CommandLine;
using Muybridge.Video.Interpolation;
using Muybridge.Video.Onnx.Interpolation;

namespace Muybridge.Video.Cli.Commands;

/// <summary>How in-betweens are made (--method, --model, --register), shared by interpolate and render.</summary>
internal sealed class InterpolationOptions
{
    private readonly Option<string> _method = new("--method") { Description = "Model-free interpolator: flow (default) or crossfade.", DefaultValueFactory = _ => "flow" };
    private readonly Option<string?> _model = new("--model", "--interpolation-model") { Description = "A RIFE 4.x ONNX export (inputs img0, img1, timestep), or its catalogue name in the model cache; replaces --method." };
    private readonly Option<bool?> _register = new("--register") { Description = "Align every frame's backdrop to the first before interpolating (default: on for --plate inputs, off otherwise)." };

    public void AddTo(Command command)
    {
        command.Options.Add(_method);
        command.Options.Add(_model);
        command.Options.Add(_register);
    }

    public bool Register(ParseResult parse, bool isPlate) => parse.GetValue(_register) ?? isPlate;

    public IFrameInterpolator Create(ParseResult parse, Onnx.Sessions.OnnxSessionOptions? session = null)
    {
        if (parse.GetValue(_model) is { } model)
        {
            return new RifeInterpolator(model, new RifeOptions { Session = session ?? Onnx.Sessions.OnnxSessionOptions.Cpu });
        }

        return parse.GetValue(_method)?.ToLowerInvariant() switch
        {
            "flow" => new FlowInterpolator(),
            "crossfade" or "cross-fade" => new CrossFadeInterpolator(),
            var other => throw new UsageException($"--method takes flow or crossfade, not '{other}'."),
        };
    }

    /// <summary>The model-free interpolator asked for with --method when it is not the default flow, else null.</summary>
    public IFrameInterpolator? NonDefaultMethod(ParseResult parse) => Create(parse) is CrossFadeInterpolator crossFade ? crossFade : null;

    /// <summary>The RIFE model file, when one was given.</summary>
    public string? Model(ParseResult parse) => parse.GetValue(_model);
}
