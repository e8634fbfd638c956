namespace Muybridge.Video.Compositing;

/// <summary>The pipeline builder's compositing steps: <c>Pipeline.From(source)…</c> with <c>using Muybridge.Video.Compositing;</c>.</summary>
public static class CompositingPipelineExtensions
{
    /// <summary>Composites the matted subject over a scrolling background.</summary>
    public static Pipeline Composite(this Pipeline pipeline, ScrollingBackground background, CompositeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.Then(new Compositor(background, options));
    }
}
