using Muybridge.Video.Depth;

namespace Muybridge.Video.Stylization;

/// <summary>The pipeline builder's stylization steps: <c>Pipeline.From(source)…</c> with <c>using Muybridge.Video.Stylization;</c>.</summary>
public static class StylizationPipelineExtensions
{
    /// <summary>
    /// Colours the frames from a reference picture (and the subject from its own, when given), guided by the model-free
    /// ground-plane depth, as the recipe's colour step does.
    /// </summary>
    /// <exception cref="InvalidFrameInputException">A reference cannot be read.</exception>
    public static Pipeline Stylize(this Pipeline pipeline, string referencePath, StyleOptions? options = null, string? subjectReferencePath = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.EstimateDepth().Then(ReferenceColorizer.FromFiles(referencePath, options, subjectReferencePath));
    }

    /// <summary>Restyles the frames with <paramref name="stylizer"/> (a style network from Muybridge.Video.Onnx, say), guided by <paramref name="depth"/> or the ground-plane estimate.</summary>
    public static Pipeline Stylize(this Pipeline pipeline, IFrameStage stylizer, IDepthEstimator? depth = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.EstimateDepth(depth).Then(stylizer);
    }
}
