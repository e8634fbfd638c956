using Muybridge.Video.Depth;

namespace Muybridge.Video.Recipes;

/// <summary>Colour or style in a <see cref="RenderRecipe"/>, shaped by depth.</summary>
public sealed record StyleStep
{
    /// <summary>The stylizer (<c>ReferenceColorizer</c>, or a style network from Muybridge.Video.Onnx). Not owned.</summary>
    public required IFrameStage Stylizer { get; init; }

    /// <summary>What the step's line says runs; default: the stylizer's name.</summary>
    public string? Description { get; init; }

    /// <summary>The depth the stylizer reads (null: the model-free ground-plane estimate). Not owned.</summary>
    public IDepthEstimator? Depth { get; init; }
}
