namespace Muybridge.Video.Depth;

/// <summary>The pipeline builder's depth steps: <c>Pipeline.From(source)…</c> with <c>using Muybridge.Video.Depth;</c>.</summary>
public static class DepthPipelineExtensions
{
    /// <summary>Fills each frame's depth plane (nearness 0…1) with <paramref name="estimator"/>, or the model-free ground-plane estimate.</summary>
    public static Pipeline EstimateDepth(this Pipeline pipeline, IDepthEstimator? estimator = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.Then(new DepthStage(estimator ?? new GroundPlaneDepthEstimator()));
    }
}
