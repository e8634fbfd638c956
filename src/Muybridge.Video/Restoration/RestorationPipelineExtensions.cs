using Muybridge.Video.Registration;

namespace Muybridge.Video.Restoration;

/// <summary>The pipeline builder's restoration steps: <c>Pipeline.From(source)…</c> with <c>using Muybridge.Video.Restoration;</c>.</summary>
public static class RestorationPipelineExtensions
{
    /// <summary>
    /// Restores a plate as <c>muybridge restore</c> does: repeated frames collapsed, backdrops registered, tone evened
    /// out, dust repaired (each can be left out in <paramref name="options"/>).
    /// </summary>
    public static Pipeline Restore(this Pipeline pipeline, RestoreOptions? options = null)
    {
        options ??= new RestoreOptions();
        ArgumentNullException.ThrowIfNull(pipeline);
        pipeline = options.CollapseDuplicates ? pipeline.Then(new DuplicateFrameCollapser()) : pipeline;
        pipeline = options.Register ? pipeline.Register() : pipeline;
        pipeline = options.EvenTone ? pipeline.Then(new ToneNormalizer()) : pipeline;
        return options.RepairSpecks ? pipeline.Then(new SpeckRepair()) : pipeline;
    }
}
