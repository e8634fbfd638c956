namespace Muybridge.Video.Orleans.Workers;

/// <summary>Renders one segment on the silo it is placed on (one activation per segment attempt, spread by load).</summary>
public interface IRenderWorkerGrain : IGrainWithStringKey
{
    /// <summary>Renders the segment into a temporary folder and renames it into place; a segment already in place is left as it is.</summary>
    /// <exception cref="Rendering.SegmentRenderException">The render itself failed (a bad input): running it elsewhere would fail the same way.</exception>
    [ResponseTimeout("1.00:00:00")]
    Task<SegmentResult> RenderAsync(SegmentWork work, CancellationToken cancellationToken);
}
