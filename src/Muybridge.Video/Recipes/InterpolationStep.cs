using Muybridge.Video.Interpolation;

namespace Muybridge.Video.Recipes;

/// <summary>Slow motion in a <see cref="RenderRecipe"/>.</summary>
public sealed record InterpolationStep
{
    /// <summary>Frames out per frame in (2 = twice as smooth; with <see cref="RenderRecipe.Speed"/> 1, twice as slow in frames).</summary>
    public int Factor { get; init; } = 2;

    /// <summary>What makes the in-betweens; null: the model-free <see cref="FlowInterpolator"/>, pairs in parallel. Not owned.</summary>
    public IFrameInterpolator? Interpolator { get; init; }

    /// <summary>What the step's line says runs (e.g. "rife-4.x on CUDA"); default: the interpolator's name.</summary>
    public string? Description { get; init; }
}
