using Orleans.Concurrency;

namespace Muybridge.Video.Orleans.Jobs;

/// <summary>
/// One render job, keyed by its name: splits the clip into segments, has worker grains render them on any silo (again
/// elsewhere when one is lost), joins them in order into the outputs. Its state is persisted, so a job whose silo
/// restarts carries on (from the segments already done) on the next call.
/// </summary>
public interface IRenderJobGrain : IGrainWithStringKey
{
    /// <summary>Starts the job; submitting the same request again returns its status, a different one under the same name is refused.</summary>
    Task<RenderJobStatus> SubmitAsync(RenderJobRequest request);

    /// <summary>Where the job stands (and, after a restart of its silo, carries it on).</summary>
    Task<RenderJobStatus> GetStatusAsync();

    /// <summary>Stops the job's segments and writes no output.</summary>
    Task<RenderJobStatus> CancelAsync();

    /// <summary>A worker's word that an attempt at a segment has started on <paramref name="silo"/> (shown in the status).</summary>
    [OneWay]
    Task SegmentStartedAsync(int segment, int attempt, string silo);
}
