using Muybridge.Video.Orleans.Jobs;
using Muybridge.Video.Orleans.Workers;

namespace Muybridge.Video.Orleans.Rendering;

/// <summary>What a silo runs: one segment into a folder of lossless frames, and the join of a job's segments into its outputs.</summary>
public interface ISegmentRenderer
{
    /// <summary>Renders <paramref name="work"/> into <paramref name="folder"/> (which it creates).</summary>
    /// <exception cref="SegmentRenderException">The render failed for a reason another silo would meet too.</exception>
    Task RenderSegmentAsync(SegmentWork work, string folder, CancellationToken cancellationToken);

    /// <summary>Writes the job's outputs from <paramref name="segmentFolders"/>, in order (retiming there when the clip was split).</summary>
    /// <exception cref="SegmentRenderException">The outputs could not be written.</exception>
    Task JoinAsync(RenderJobRequest request, IReadOnlyList<string> segmentFolders, CancellationToken cancellationToken);
}
