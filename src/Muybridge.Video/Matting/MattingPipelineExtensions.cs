namespace Muybridge.Video.Matting;

/// <summary>The pipeline builder's matting steps: <c>Pipeline.From(source)…</c> with <c>using Muybridge.Video.Matting;</c>.</summary>
public static class MattingPipelineExtensions
{
    /// <summary>Mattes the subject the points select, with the model-free matter.</summary>
    public static Pipeline Matte(this Pipeline pipeline, IEnumerable<PointPrompt> points, SeededMatterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.Then(new SeededMatter(points, options));
    }
}
