using System.CommandLine;
using Muybridge.Video.Onnx.Stylization;
using Muybridge.Video.Stylization;

namespace Muybridge.Video.Cli.Commands;

/// <summary>The stylization options, shared by <c>stylize</c> and <c>render</c> so they mean the same in both.</summary>
internal sealed class StyleOptionsGroup
{
    private readonly Option<string?> _reference = new("--reference") { Description = "A colour reference image: frames take its colours (model-free). With a matte, it colours the background." };
    private readonly Option<string?> _subjectReference = new("--subject-reference") { Description = "A colour reference for the matted subject (the rest follows --reference)." };
    private readonly Option<string?> _model = new("--style-model") { Description = "A fast-neural-style ONNX model (fns_candy.onnx …) instead of a reference image." };
    private readonly Option<float> _weight = new("--style-weight") { Description = "0…1: how far colours (and texture) move toward the style.", DefaultValueFactory = _ => new StyleOptions().StyleWeight };
    private readonly Option<float> _structure = new("--structure") { Description = "0…1: how much of the original's lightness and depth structure is kept.", DefaultValueFactory = _ => new StyleOptions().StructureConsistency };
    private readonly Option<float> _frames = new("--frame-consistency") { Description = "0…1: temporal smoothing of colour along the optical flow, exposure jumps between frames evened out (0 = every frame on its own).", DefaultValueFactory = _ => new StyleOptions().FrameConsistency };

    public void AddTo(Command command)
    {
        command.Add(_reference);
        command.Add(_subjectReference);
        command.Add(_model);
        command.Add(_weight);
        command.Add(_structure);
        command.Add(_frames);
    }

    public bool Requested(ParseResult parse) => parse.GetValue(_reference) is not null || parse.GetValue(_model) is not null;

    /// <summary>The stage the options ask for (dispose it after the run), or null when none is asked for.</summary>
    /// <exception cref="ArgumentException">Both a reference and a model, or a subject reference without a reference.</exception>
    /// <param name="parse">The command line.</param>
    /// <param name="loop">The clip loops: colour memory is primed with its end so the seam does not jump.</param>
    /// <param name="session">Providers for a style model.</param>
    public IFrameStage? Create(ParseResult parse, bool loop, Onnx.Sessions.OnnxSessionOptions? session = null)
    {
        var options = new StyleOptions { StyleWeight = parse.GetValue(_weight), StructureConsistency = parse.GetValue(_structure), FrameConsistency = parse.GetValue(_frames), Loop = loop };
        var reference = parse.GetValue(_reference);
        var model = parse.GetValue(_model);
        if (reference is not null && model is not null)
        {
            throw new UsageException("Give --reference (model-free colour) or --style-model (a style network), not both.");
        }

        if (parse.GetValue(_subjectReference) is not null && reference is null)
        {
            throw new UsageException("--subject-reference goes with --reference (which colours the background).");
        }

        return model is not null ? new FastStyleStylizer(model, new FastStyleOptions { Style = options, Session = session ?? Onnx.Sessions.OnnxSessionOptions.Cpu })
            : reference is not null ? ReferenceColorizer.FromFiles(reference, options, parse.GetValue(_subjectReference))
            : null;
    }

    /// <summary>The files the options read: references (inputs) and the style model.</summary>
    public (IEnumerable<string> Inputs, IEnumerable<string> Models) Files(ParseResult parse)
        => (new[] { parse.GetValue(_reference), parse.GetValue(_subjectReference) }.OfType<string>(), new[] { parse.GetValue(_model) }.OfType<string>());
}
