using Muybridge.Video.Orleans.Jobs;
using Muybridge.Video.Orleans.Rendering;
using Muybridge.Video.Orleans.Storage;
using Orleans.Placement;

namespace Muybridge.Video.Orleans.Workers;

/// <summary>
/// Renders a segment into a temporary folder and renames it into place: a half-written segment is never joined, and
/// when two attempts both finish (the first one's silo was only thought lost) the first rename wins and the frames are
/// the same anyway.
/// </summary>
// Random placement spreads a job's segments over the live silos at once; load-based placement reads statistics that lag
// behind a burst of new segments and put them all on one silo.
[RandomPlacement]
internal sealed class RenderWorkerGrain(ISegmentRenderer renderer, ClusterStorage storage, SegmentSlots slots, ILocalSiloDetails silo) : Grain, IRenderWorkerGrain
{
    // Which silo rendered a segment travels with its frames, so progress credits it even when another attempt finds them.
    private const string RenderedByFile = "rendered-by.txt";

    public async Task<SegmentResult> RenderAsync(SegmentWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var final = storage.SegmentFolder(work.JobId, work.Index);
        if (Directory.Exists(final))
        {
            return new SegmentResult(RenderedBy(final), AlreadyDone: true);
        }

        using var slot = await slots.TakeAsync(cancellationToken).ConfigureAwait(true);
        if (Directory.Exists(final))
        {
            return new SegmentResult(RenderedBy(final), AlreadyDone: true);
        }

        await GrainFactory.GetGrain<IRenderJobGrain>(work.JobId).SegmentStartedAsync(work.Index, work.Attempt, silo.Name).ConfigureAwait(true);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        var partial = $"{final}.partial-{Guid.NewGuid():N}";
        try
        {
            await renderer.RenderSegmentAsync(work, partial, cancellationToken).ConfigureAwait(true);
            await File.WriteAllTextAsync(Path.Combine(partial, RenderedByFile), silo.Name, CancellationToken.None).ConfigureAwait(true);
            try
            {
                Directory.Move(partial, final);
            }
            catch (IOException) when (Directory.Exists(final))
            {
                return new SegmentResult(RenderedBy(final), AlreadyDone: true);
            }

            return new SegmentResult(silo.Name, AlreadyDone: false);
        }
        finally
        {
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }

            // One activation per attempt: nothing to keep once it has answered.
            DeactivateOnIdle();
        }
    }

    private static string RenderedBy(string folder)
    {
        var file = Path.Combine(folder, RenderedByFile);
        return File.Exists(file) ? File.ReadAllText(file).Trim() : "?";
    }
}
