namespace Muybridge.Video.Registration;

/// <summary>The pipeline builder's registration steps: <c>Pipeline.From(source)…</c> with <c>using Muybridge.Video.Registration;</c>.</summary>
public static class RegistrationPipelineExtensions
{
    /// <summary>Aligns every frame's backdrop to the first one's (plates, cameras along a track), before interpolating.</summary>
    public static Pipeline Register(this Pipeline pipeline, RegistrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.Then(new BackdropRegistration(options));
    }
}
