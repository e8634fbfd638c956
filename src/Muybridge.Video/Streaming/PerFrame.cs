using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Streaming;

/// <summary>The loop every one-frame-in, one-frame-out stage shares: map each frame, dispose the input, keep index and timing.</summary>
public static class PerFrame
{
    /// <summary>
    /// Maps up to <paramref name="degreeOfParallelism"/> frames at once on the thread pool and yields the results in input
    /// order (a window of running tasks, no locks); <paramref name="map"/> must be safe to call concurrently.
    /// </summary>
    public static IAsyncEnumerable<Frame> MapAsync(IAsyncEnumerable<Frame> frames, Func<Frame, Frame> map, int degreeOfParallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(map);
        return MapParallelAsync(frames, map, degreeOfParallelism, cancellationToken);
    }

    private static async IAsyncEnumerable<Frame> MapParallelAsync(IAsyncEnumerable<Frame> frames, Func<Frame, Frame> map, int degreeOfParallelism, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (degreeOfParallelism <= 1)
        {
            await foreach (var frame in MapSerialAsync(frames, map, cancellationToken).ConfigureAwait(false))
            {
                yield return frame;
            }

            yield break;
        }

        var window = new Queue<(Frame Input, Task<Frame> Result)>(degreeOfParallelism);
        try
        {
            await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                window.Enqueue((frame, Task.Run(() => map(frame), cancellationToken)));
                if (window.Count >= degreeOfParallelism)
                {
                    yield return await FinishAsync(window.Dequeue()).ConfigureAwait(false);
                }
            }

            while (window.Count > 0)
            {
                yield return await FinishAsync(window.Dequeue()).ConfigureAwait(false);
            }
        }
        finally
        {
            // On failure or cancellation: wait for what is still running, then release inputs and results.
            while (window.Count > 0)
            {
                var (input, result) = window.Dequeue();

                // Its failure, if any, is not the one to report: the frame that failed first already was.
                await ((Task)result).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (result.IsCompletedSuccessfully)
                {
                    result.Result.Dispose();
                }

                input.Dispose();
            }
        }
    }

    private static async Task<Frame> FinishAsync((Frame Input, Task<Frame> Result) item)
    {
        using (item.Input)
        {
            var result = await item.Result.ConfigureAwait(false);
            CopyTiming(item.Input, result);
            return result;
        }
    }

    /// <summary>
    /// Maps each frame in turn: <paramref name="map"/> returns a new frame (the input is disposed after it) that takes the
    /// input's index and timing.
    /// </summary>
    public static IAsyncEnumerable<Frame> MapAsync(IAsyncEnumerable<Frame> frames, Func<Frame, Frame> map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(map);
        return MapSerialAsync(frames, map, cancellationToken);
    }

    private static async IAsyncEnumerable<Frame> MapSerialAsync(IAsyncEnumerable<Frame> frames, Func<Frame, Frame> map, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Frame result;
            using (frame)
            {
                result = map(frame);
                CopyTiming(frame, result);
            }

            yield return result;
        }
    }

    /// <summary>Gives <paramref name="to"/> the index, timestamp and duration of <paramref name="from"/>.</summary>
    public static void CopyTiming(Frame from, Frame to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        to.Index = from.Index;
        to.Timestamp = from.Timestamp;
        to.Duration = from.Duration;
    }
}
