namespace Muybridge.Video.Recipes;

/// <summary>Enlarging in a <see cref="RenderRecipe"/>.</summary>
public sealed record UpscaleStep
{
    /// <summary>2 or 4, for the model-free Lanczos upscaler.</summary>
    public int Scale { get; init; } = 2;

    /// <summary>An upscaler (e.g. Real-ESRGAN from Muybridge.Video.Onnx) whose factor is <see cref="Scale"/>; null: Lanczos. Not owned.</summary>
    public IFrameStage? Upscaler { get; init; }

    /// <summary>What the step's line says runs; default: the upscaler's name.</summary>
    public string? Description { get; init; }
}
