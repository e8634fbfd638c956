using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Interpolation;

/// <summary>
/// Slow motion: runs an <see cref="IFrameInterpolator"/> between every pair of neighbouring frames, inserting
/// <c>factor − 1</c> in-betweens at even steps, and optionally across the last→first seam so a cyclic gait loops.
/// </summary>
public sealed class InterpolationStage : IFrameStage
{
    private readonly float[] _times;
    private readonly IFrameInterpolator[] _workers;

    /// <summary>Creates the stage.</summary>
    /// <param name="interpolator">What synthesises the in-betweens.</param>
    /// <param name="factor">Output frames per input frame (2 doubles the frame count); at least 1.</param>
    /// <param name="loop">Also interpolate from the last frame back to the first, so the clip loops without a hitch.</param>
    public InterpolationStage(IFrameInterpolator interpolator, int factor = 2, bool loop = false)
    {
        ArgumentNullException.ThrowIfNull(interpolator);
        if (factor < 1)
        {
            throw new OptionOutOfRangeException(nameof(factor), factor, "The interpolation factor must be at least 1 (1 keeps the frames as they are).");
        }

        Interpolator = interpolator;
        _workers = [interpolator];
        Factor = factor;
        Loop = loop;
        _times = new float[factor - 1];
        for (var k = 1; k < factor; k++)
        {
            _times[k - 1] = (float)k / factor;
        }
    }

    /// <summary>
    /// Creates the stage with <paramref name="degreeOfParallelism"/> interpolators from <paramref name="create"/>, so that
    /// consecutive pairs are worked on at once (their results still come out in order).
    /// </summary>
    public InterpolationStage(Func<IFrameInterpolator> create, int factor, bool loop, int degreeOfParallelism)
        : this((create ?? throw new ArgumentNullException(nameof(create)))(), factor, loop)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreeOfParallelism, 1);
        _workers = [Interpolator, .. Enumerable.Range(1, degreeOfParallelism - 1).Select(_ => create())];
    }

    /// <summary>How many pairs are interpolated at once.</summary>
    public int DegreeOfParallelism => _workers.Length;

    /// <summary>The interpolator in use.</summary>
    public IFrameInterpolator Interpolator { get; }

    /// <summary>Output frames per input frame.</summary>
    public int Factor { get; }

    /// <summary>Whether the last→first seam is interpolated.</summary>
    public bool Loop { get; }

    /// <inheritdoc />
    public string Name => $"{Interpolator.Name} ×{Factor}{(Loop ? " loop" : "")}";

    /// <inheritdoc />
    public int? EstimateOutputCount(int? inputCount) => inputCount is int n ? (Loop ? n * Factor : (n - 1) * Factor + 1) : null;

    /// <inheritdoc />
    public IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, CancellationToken cancellationToken)
        => ProcessPairsAsync(frames, cancellationToken);

    // Output order is kept frame k, then the in-betweens of (k, k+1), then kept frame k+1…; the in-betweens of up to
    // DegreeOfParallelism pairs are computed at once on the thread pool, each pair by its own interpolator (pair p uses
    // worker p mod n, and pair p + n starts only after pair p was collected). With one interpolator, pairs go in turn.
    private async IAsyncEnumerable<Frame> ProcessPairsAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var running = new Queue<(Frame Kept, Frame Left, Task<Frame[]> Betweens)>();
        var handing = new List<Frame>();
        Frame? first = null;
        Frame? previous = null;
        Frame? current = null;
        var pairs = 0;
        var index = new Counter();
        try
        {
            await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                // Held where the finally sees it: the consumer may stop while earlier outputs are being handed out.
                current = frame;
                if (previous is null)
                {
                    first = Loop ? frame.Clone() : null;
                }
                else
                {
                    if (running.Count == _workers.Length)
                    {
                        await foreach (var output in HandOutAsync(running.Dequeue(), handing, index).ConfigureAwait(false))
                        {
                            yield return output;
                        }
                    }

                    var kept = previous.Clone();
                    kept.Duration = previous.Duration / Factor;
                    running.Enqueue((kept, previous, Start(previous, frame, frame.Timestamp - previous.Timestamp, _workers[pairs++ % _workers.Length], cancellationToken)));
                }

                previous = frame;
                current = null;
            }

            if (previous is not null)
            {
                // The seam's worker must be free too: collect the oldest pair first when every worker is busy.
                if (running.Count == _workers.Length)
                {
                    await foreach (var output in HandOutAsync(running.Dequeue(), handing, index).ConfigureAwait(false))
                    {
                        yield return output;
                    }
                }

                var kept = previous.Clone();
                kept.Duration = previous.Duration / Factor;
                var seam = Loop && first is not null
                    ? Start(previous, first, previous.Duration, _workers[pairs++ % _workers.Length], cancellationToken)
                    : Task.FromResult(Array.Empty<Frame>());
                running.Enqueue((kept, previous, seam));
                previous = null;
            }

            while (running.Count > 0)
            {
                await foreach (var output in HandOutAsync(running.Dequeue(), handing, index).ConfigureAwait(false))
                {
                    yield return output;
                }
            }
        }
        finally
        {
            handing.ForEach(f => f.Dispose());
            current?.Dispose();
            while (running.Count > 0)
            {
                var (kept, left, betweens) = running.Dequeue();
                await ((Task)betweens).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (betweens.IsCompletedSuccessfully)
                {
                    Array.ForEach(betweens.Result, f => f.Dispose());
                }

                kept.Dispose();
                left.Dispose();
            }

            previous?.Dispose();
            first?.Dispose();
        }
    }

    /// <summary>Waits for one pair and hands out its kept frame and in-betweens, numbered; unhanded frames stay in <paramref name="handing"/> for the caller to dispose.</summary>
    private static async IAsyncEnumerable<Frame> HandOutAsync((Frame Kept, Frame Left, Task<Frame[]> Betweens) pair, List<Frame> handing, Counter index)
    {
        handing.AddRange(await CollectAsync(pair).ConfigureAwait(false));
        while (handing.Count > 0)
        {
            var output = handing[0];
            handing.RemoveAt(0);
            output.Index = index.Next++;
            yield return output;
        }
    }

    private sealed class Counter
    {
        public int Next;
    }

    private static async Task<Frame[]> CollectAsync((Frame Kept, Frame Left, Task<Frame[]> Betweens) pair)
    {
        Frame[] betweens;
        try
        {
            betweens = await pair.Betweens.ConfigureAwait(false);
        }
        catch
        {
            pair.Kept.Dispose();
            throw;
        }
        finally
        {
            pair.Left.Dispose();
        }

        return [pair.Kept, .. betweens];
    }

    private Task<Frame[]> Start(Frame a, Frame b, TimeSpan interval, IFrameInterpolator worker, CancellationToken cancellationToken)
        => Factor == 1 ? Task.FromResult(Array.Empty<Frame>()) : Task.Run(() =>
        {
            var results = new Frame[Factor - 1];
            for (var k = 0; k < results.Length; k++)
            {
                results[k] = a.CreateSibling();
                results[k].Timestamp = a.Timestamp + interval * _times[k];
                results[k].Duration = interval / Factor;
            }

            try
            {
                worker.Interpolate(a, b, _times, results, cancellationToken);
            }
            catch
            {
                Array.ForEach(results, f => f.Dispose());
                throw;
            }

            return results;
        }, cancellationToken);
}
