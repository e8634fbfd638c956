namespace Muybridge.Video.Interpolation;

/// <summary>The pipeline builder's interpolation steps: <c>Pipeline.From(source)…</c> with <c>using Muybridge.Video.Interpolation;</c>.</summary>
public static class InterpolationPipelineExtensions
{
    /// <summary>Adds slow motion with the model-free <see cref="FlowInterpolator"/>, consecutive pairs in parallel.</summary>
    public static Pipeline Interpolate(this Pipeline pipeline, int factor = 2, bool loop = false)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.Then(new InterpolationStage(() => new FlowInterpolator(), factor, loop, Math.Clamp(Environment.ProcessorCount, 1, 4)));
    }

    /// <summary>Adds slow motion with the given interpolator (cross-fade, flow, or an ONNX model such as RIFE).</summary>
    public static Pipeline Interpolate(this Pipeline pipeline, IFrameInterpolator interpolator, int factor = 2, bool loop = false)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.Then(new InterpolationStage(interpolator, factor, loop));
    }
}
