using Muybridge.Video.Matting;
using Muybridge.Video.Onnx.Sessions;

namespace Muybridge.Video.Onnx.Matting;

/// <summary>Settings of <see cref="SalientObjectMatter"/>.</summary>
public sealed record SalientMatterOptions
{
    /// <summary>The catalogue entry the file must meet: <c>isnet-medium</c>, <c>isnet-small</c> or <c>u2net</c>.</summary>
    public string CatalogName { get; init; } = "isnet-medium";

    /// <summary>The model's matte value above which a pixel counts as selected by a click.</summary>
    public float Threshold { get; init; } = 0.5f;

    /// <summary>
    /// Frames around each frame (half before, half after) that show what the backdrop looks like where the model left it
    /// out, so a solid patch of it the model took in is cut (<c>0</c> = off). Cuts only with a camera that stands still;
    /// the matter then reads half this many frames ahead.
    /// </summary>
    public int BackdropFrames { get; init; } = 24;

    /// <summary>Clean-up after the clicks select the subject.</summary>
    public MatteRefinementOptions Refinement { get; init; } = new();

    /// <summary>Providers and threads.</summary>
    public OnnxSessionOptions Session { get; init; } = OnnxSessionOptions.Cpu;
}
