namespace Muybridge.Video.Orleans.Jobs;

/// <summary>Submits a job to a cluster and follows it to its end.</summary>
public static class RenderJobs
{
    /// <summary>
    /// Submits <paramref name="request"/> as <paramref name="jobId"/> and reports its status every <paramref name="poll"/>
    /// until it finishes; cancelling <paramref name="cancellationToken"/> cancels the job.
    /// </summary>
    public static async Task<RenderJobStatus> RunAsync(IGrainFactory grains, string jobId, RenderJobRequest request, IProgress<RenderJobStatus>? progress = null, TimeSpan? poll = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        var job = grains.GetGrain<IRenderJobGrain>(jobId);
        var status = await job.SubmitAsync(request).ConfigureAwait(false);
        try
        {
            while (!status.IsFinished)
            {
                progress?.Report(status);
                await Task.Delay(poll ?? TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
                status = await GetStatusAsync(job, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = await job.CancelAsync().ConfigureAwait(false);
        }

        progress?.Report(status);
        return status;
    }

    // The silo holding the job may be lost between two polls: the next call reactivates the job on a live silo.
    private static async Task<RenderJobStatus> GetStatusAsync(IRenderJobGrain job, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await job.GetStatusAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException && attempt < 60)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
