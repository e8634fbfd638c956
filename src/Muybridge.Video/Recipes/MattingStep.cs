using Muybridge.Video.Matting;

namespace Muybridge.Video.Recipes;

/// <summary>The matte in a <see cref="RenderRecipe"/>: clicks on the first frame (or later ones), a matter, hair softening.</summary>
public sealed record MattingStep
{
    /// <summary>Clicks on the subject (and negative ones on what to leave out), in source-frame pixels.</summary>
    public required IReadOnlyList<PointPrompt> Clicks { get; init; }

    /// <summary>Boxes around the subject for the model-free matter (outside is backdrop).</summary>
    public IReadOnlyList<BoxPrompt> Boxes { get; init; } = [];

    /// <summary>A matter built from the same clicks (e.g. ISNet from Muybridge.Video.Onnx); null: the model-free <see cref="SeededMatter"/>. Not owned.</summary>
    public IFrameStage? Matter { get; init; }

    /// <summary>What the step's line says runs (e.g. "isnet-medium on CPU (cache)"); default: the matter's name.</summary>
    public string? Description { get; init; }

    /// <summary>Settings of the model-free matter when <see cref="Matter"/> is null.</summary>
    public SeededMatterOptions ModelFree { get; init; } = new();

    /// <summary>Soft edges where the matte is thin and moving (tail, mane); null leaves the matte's edge as it is.</summary>
    public HairSofteningOptions? Hair { get; init; } = new();

    /// <summary>Which frames are matted.</summary>
    public MatteOrder On { get; init; } = MatteOrder.SourceFrames;
}
