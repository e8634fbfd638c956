using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Compositing;

/// <summary>
/// Measures the ground speed in the same pass as the render: holds the first <see cref="LookAhead"/> matted frames (or the
/// whole clip when it is shorter), measures the planted hooves on them, publishes the result, then lets the frames on.
/// Stages after it (the compositor) see no frame before the speed is known, and memory is bounded by the look-ahead.
/// </summary>
internal sealed class GroundSpeedProbe : IFrameStage
{
    private readonly TaskCompletionSource<GroundSpeedMeasurement?> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GroundSpeedProbe(int lookAhead, bool required)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookAhead, 2);
        LookAhead = lookAhead;
        Required = required;
    }

    /// <summary>Frames held to measure on.</summary>
    public int LookAhead { get; }

    /// <summary>Whether a failed measurement fails the run (otherwise the result is null and <see cref="Failure"/> says why).</summary>
    public bool Required { get; }

    /// <summary>Why the speed could not be measured, when it could not.</summary>
    public string? Failure { get; private set; }

    /// <summary>The measurement (null when it could not be made and was not required); completes before any frame leaves.</summary>
    public Task<GroundSpeedMeasurement?> Result => _result.Task;

    public string Name => "ground speed";

    public async IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var held = new List<Frame>(LookAhead);
        try
        {
            await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (_result.Task.IsCompleted)
                {
                    yield return frame;
                    continue;
                }

                held.Add(frame);
                if (held.Count == LookAhead)
                {
                    Measure(held);
                    foreach (var release in Release(held))
                    {
                        yield return release;
                    }
                }
            }

            if (!_result.Task.IsCompleted)
            {
                Measure(held);
                foreach (var release in Release(held))
                {
                    yield return release;
                }
            }
        }
        finally
        {
            held.ForEach(f => f.Dispose());
            _result.TrySetCanceled(cancellationToken.IsCancellationRequested ? cancellationToken : new CancellationToken(canceled: true));
        }
    }

    private static IEnumerable<Frame> Release(List<Frame> held)
    {
        while (held.Count > 0)
        {
            var frame = held[0];
            held.RemoveAt(0);
            yield return frame;
        }
    }

    private void Measure(List<Frame> held)
    {
        try
        {
            _result.SetResult(GroundSpeed.Measure(held));
        }
        catch (InvalidFrameInputException e) when (!Required)
        {
            Failure = e.Message;
            _result.SetResult(null);
        }
    }
}
