namespace Muybridge.Video.Recipes;

/// <summary>A <see cref="RenderRecipe"/> built over a source: the pipeline to run and a line per step saying what runs.</summary>
public sealed class RenderPlan
{
    internal RenderPlan(Pipeline pipeline, IReadOnlyList<RecipeStep> steps, Task<double>? scrollSpeed, Matting.MatteConfidenceLog? matteConfidence)
    {
        MatteConfidence = matteConfidence;
        Pipeline = pipeline;
        Steps = steps;
        ScrollSpeed = scrollSpeed;
    }

    /// <summary>The pipeline; stream it or write it to sinks (once).</summary>
    public Pipeline Pipeline { get; }

    /// <summary>What runs at each step, in order.</summary>
    public IReadOnlyList<RecipeStep> Steps { get; }

    /// <summary>
    /// The background's speed in output pixels per second (null without a composition); known once the first composited
    /// frame is out, as it may be measured on the way.
    /// </summary>
    public Task<double>? ScrollSpeed { get; }

    /// <summary>With a matte: after the run, the source frames whose matte the evidence supported least (a matter that cannot tell notes none).</summary>
    public Matting.MatteConfidenceLog? MatteConfidence { get; }
}
