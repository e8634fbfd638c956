namespace Muybridge.Video.Upscaling;

/// <summary>The pipeline builder's upscaling steps: <c>Pipeline.From(source)…</c> with <c>using Muybridge.Video.Upscaling;</c>.</summary>
public static class UpscalingPipelineExtensions
{
    /// <summary>Enlarges frames 2× or 4× with Lanczos (the model-free default; Real-ESRGAN lives in Muybridge.Video.Onnx).</summary>
    public static Pipeline Upscale(this Pipeline pipeline, int scale = 2)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.Then(new LanczosUpscaler(scale));
    }
}
