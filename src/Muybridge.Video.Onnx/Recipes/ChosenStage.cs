namespace Muybridge.Video.Onnx.Recipes;

/// <summary>
/// What <see cref="BestAvailable"/> picked for a step: the stage (null means the core's model-free default), the line that
/// says what runs and where, and the model file it loaded. Disposing it releases the model.
/// </summary>
/// <typeparam name="T">The stage's type (a frame stage or an interpolator).</typeparam>
/// <param name="Stage">The model stage, or null for the model-free default.</param>
/// <param name="Description">What runs and where, e.g. <c>isnet-medium on CPU (cache)</c>, or why the model-free default runs.</param>
/// <param name="ModelPath">The model file loaded, if any.</param>
public sealed record ChosenStage<T>(T? Stage, string Description, string? ModelPath) : IDisposable
    where T : class, IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Stage?.Dispose();
}
