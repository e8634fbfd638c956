using Microsoft.Extensions.Logging;
using Muybridge.Video.Orleans.Rendering;
using Muybridge.Video.Orleans.Storage;
using Muybridge.Video.Orleans.Workers;
using Orleans.Concurrency;

namespace Muybridge.Video.Orleans.Jobs;

/// <summary>
/// Orchestrates one job: its segments run on worker grains in parallel, each retried elsewhere when its silo is lost, and
/// the join runs once all are in place. Reentrant so that status and cancel calls are answered while segments run; every
/// change is written through one gate, so writes never race.
/// </summary>
[Reentrant]
internal sealed partial class RenderJobGrain(
    [PersistentState("job", ClusterHosting.StorageName)] IPersistentState<RenderJobRecord> record,
    ISegmentRenderer renderer,
    ClusterStorage storage,
    ILocalSiloDetails silo,
    ILogger<RenderJobGrain> log) : Grain, IRenderJobGrain, IDisposable
{
    // A segment is tried on this many silos before the job gives up on it.
    private const int MaxAttempts = 5;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private CancellationTokenSource? _cancel;
    private Task? _running;

    private string JobId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A job whose silo was lost carries on here, from the segments whose frames are in place; the attempts that
        // were running when it was lost are recorded as lost with it.
        if (record.State.State is RenderJobState.Rendering or RenderJobState.Joining)
        {
            foreach (var segment in record.State.Segments.Where(s => s.Running))
            {
                segment.EndAttempt("abandoned", "the job's silo was lost");
            }

            Start();
        }

        return Task.CompletedTask;
    }

    public async Task<RenderJobStatus> SubmitAsync(RenderJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (record.State.Request is { } existing)
        {
            return existing.SourceFrames == request.SourceFrames && existing.SegmentFrames == request.SegmentFrames && existing.WorkingDirectory == request.WorkingDirectory
                && existing.RenderArguments.SequenceEqual(request.RenderArguments)
                ? Status()
                : throw new ArgumentException($"A different job named '{JobId}' was submitted before; give this one another name.", nameof(request));
        }

        if (request.SourceFrames < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.SourceFrames, "A job needs at least one source frame.");
        }

        var length = request.SegmentFrames <= 0 ? request.SourceFrames : request.SegmentFrames;
        record.State.Request = request;
        record.State.State = RenderJobState.Rendering;
        for (int start = 0, index = 0; start < request.SourceFrames; start += length, index++)
        {
            record.State.Segments.Add(new() { Index = index, Start = start, End = Math.Min(request.SourceFrames, start + length) });
        }

        await SaveAsync().ConfigureAwait(true);
        Start();
        return Status();
    }

    public Task<RenderJobStatus> GetStatusAsync() => Task.FromResult(Status());

    public async Task<RenderJobStatus> CancelAsync()
    {
        if (record.State.State is RenderJobState.Rendering or RenderJobState.Joining)
        {
            _cancel?.Cancel();
            record.State.State = RenderJobState.Cancelled;
            await SaveAsync().ConfigureAwait(true);
        }

        return Status();
    }

    public Task SegmentStartedAsync(int segment, int attempt, string silo)
    {
        // Only the attempt under way: a late word from an attempt already given up on is dropped.
        if (record.State.Segments.Find(s => s.Index == segment) is { Running: true } running && running.Attempts.Count + 1 == attempt)
        {
            running.RunningOn = silo;
        }

        return Task.CompletedTask;
    }

    private void Start()
    {
        if (_running is { IsCompleted: false })
        {
            return;
        }

        // Kept alive while it works: no call may arrive for the length of a long segment.
        DelayDeactivation(TimeSpan.FromDays(1));
        _cancel = new CancellationTokenSource();
        _running = RunAsync(_cancel.Token);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var request = record.State.Request!;
        try
        {
            var segments = record.State.Segments;
            await Task.WhenAll(segments.Where(s => !s.Done).Select(s => RenderSegmentAsync(request, s, segments.Count == 1, cancellationToken))).ConfigureAwait(true);
            record.State.State = RenderJobState.Joining;
            await SaveAsync().ConfigureAwait(true);
            await renderer.JoinAsync(request, [.. segments.Select(s => storage.SegmentFolder(JobId, s.Index))], cancellationToken).ConfigureAwait(true);
            record.State.State = RenderJobState.Completed;
            await SaveAsync().ConfigureAwait(true);
            LogCompleted(log, JobId, segments.Count);

            // Only once the job is recorded complete: a job carried on after a lost silo may still need to join them.
            storage.DeleteSegments(JobId);
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            record.State.State = RenderJobState.Cancelled;
        }
        catch (Exception e) when (e is SegmentRenderException or IOException or UnauthorizedAccessException)
        {
            record.State.State = RenderJobState.Failed;
            record.State.Error = e.Message;
            LogFailed(log, JobId, e.Message);
        }

        await SaveAsync().ConfigureAwait(true);
        storage.DeleteSegments(JobId);
    }

    private async Task RenderSegmentAsync(RenderJobRequest request, RenderJobRecord.SegmentRecord segment, bool whole, CancellationToken cancellationToken)
    {
        while (true)
        {
            var attempt = segment.Attempts.Count + 1;
            var work = new SegmentWork(JobId, request, segment.Index, segment.Start, segment.End, whole, attempt);
            var worker = GrainFactory.GetGrain<IRenderWorkerGrain>($"{JobId}/{segment.Index}/{attempt}");
            (segment.Running, segment.RunningOn) = (true, null);
            try
            {
                var result = await worker.RenderAsync(work, cancellationToken).ConfigureAwait(true);
                segment.Done = true;
                segment.Silo = result.Silo;
                segment.RunningOn = result.Silo;
                segment.EndAttempt(result.AlreadyDone ? "found the frames an earlier attempt rendered" : "done", null);
                await SaveAsync().ConfigureAwait(true);
                return;
            }
            catch (SegmentRenderException e)
            {
                segment.EndAttempt("failed", FirstLine(e.Message));
                throw;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                segment.EndAttempt("cancelled", null);
                throw;
            }
            catch (Exception e)
            {
                // The silo was lost, or the render process died: the next attempt is a new grain, placed on a live silo.
                segment.EndAttempt("lost", e is SiloUnavailableException ? "its silo became unavailable" : $"{e.GetType().Name}: {FirstLine(e.Message)}");
                LogRetry(log, JobId, segment.Index, attempt, e.Message);
                await SaveAsync().ConfigureAwait(true);
                if (attempt >= MaxAttempts)
                {
                    throw new SegmentRenderException($"Segment {segment.Index} (frames {segment.Start}–{segment.End - 1}) failed {attempt} times; the last: {FirstLine(e.Message)}", e);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken).ConfigureAwait(true);
            }
        }
    }

    private async Task SaveAsync()
    {
        await _writing.WaitAsync().ConfigureAwait(true);
        try
        {
            await record.WriteStateAsync().ConfigureAwait(true);
        }
        finally
        {
            _writing.Release();
        }
    }

    private RenderJobStatus Status()
    {
        var state = record.State;
        var done = state.Segments.Where(s => s.Done).ToList();
        return new RenderJobStatus
        {
            JobId = JobId,
            State = state.State,
            FramesTotal = state.Request?.SourceFrames ?? 0,
            FramesDone = done.Sum(s => s.End - s.Start),
            FramesBySilo = done.GroupBy(s => s.Silo ?? "?").ToDictionary(g => g.Key, g => g.Sum(s => s.End - s.Start)),
            Segments = [.. state.Segments.Select(s => s.ToStatus())],
            Error = state.Error,
            JobSilo = silo.Name,
        };
    }

    public void Dispose()
    {
        _cancel?.Dispose();
        _writing.Dispose();
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 100 ? line : $"{line[..100]}…";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: {Segments} segment(s) joined")]
    private static partial void LogCompleted(ILogger logger, string jobId, int segments);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: segment {Segment} attempt {Attempt} lost, running it again: {Reason}")]
    private static partial void LogRetry(ILogger logger, string jobId, int segment, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string jobId, string reason);
}
