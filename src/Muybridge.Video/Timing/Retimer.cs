using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Timing;

/// <summary>
/// Changes speed (timestamps and durations scale by 1/speed; frames are neither dropped nor repeated: sinks with a fixed
/// rate do that by time), repeats the clip, and plays it ping-pong. Without loops or ping-pong it streams frame by frame.
/// </summary>
public sealed class Retimer : IFrameStage
{
    private readonly RetimeOptions _options;

    /// <summary>Creates the stage.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Speed is not positive and finite, or loops is below 1.</exception>
    public Retimer(RetimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!double.IsFinite(options.Speed) || options.Speed <= 0)
        {
            throw new OptionOutOfRangeException(nameof(options), options.Speed, "Speed must be a positive number (2 = twice as fast).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.Loops, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBufferedFrames, 1, nameof(options));
        _options = options;
    }

    /// <inheritdoc />
    public string Name => $"retime ×{_options.Speed:0.##}{(_options.Loops > 1 ? $", {_options.Loops} loops" : "")}{(_options.PingPong ? ", ping-pong" : "")}";

    /// <inheritdoc />
    public int? EstimateOutputCount(int? inputCount)
        => inputCount is int n ? (_options.PingPong ? Math.Max(1, 2 * n - 2) : n) * _options.Loops : null;

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffering = _options.Loops > 1 || _options.PingPong;
        var kept = new List<Frame>();
        var clock = TimeSpan.Zero;
        var index = 0;
        try
        {
            await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                frame.Duration /= _options.Speed;
                if (buffering)
                {
                    if (kept.Count == _options.MaxBufferedFrames)
                    {
                        frame.Dispose();
                        throw new InvalidFrameInputException($"Looping or ping-pong keeps the clip in memory, and it is longer than {_options.MaxBufferedFrames} frames. Raise {nameof(RetimeOptions.MaxBufferedFrames)} or loop a shorter clip.");
                    }

                    kept.Add(frame.Clone());
                }

                yield return Stamp(frame, ref clock, ref index);
            }

            if (!buffering)
            {
                yield break;
            }

            var cycle = new List<Frame>(kept);
            if (_options.PingPong)
            {
                for (var i = kept.Count - 2; i >= 1; i--)
                {
                    cycle.Add(kept[i]);
                }
            }

            for (var loop = 0; loop < _options.Loops; loop++)
            {
                // The first forward pass already streamed through.
                var start = loop == 0 ? kept.Count : 0;
                for (var i = start; i < cycle.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return Stamp(cycle[i].Clone(), ref clock, ref index);
                }
            }
        }
        finally
        {
            foreach (var frame in kept)
            {
                frame.Dispose();
            }
        }
    }

    private static Frame Stamp(Frame frame, ref TimeSpan clock, ref int index)
    {
        frame.Timestamp = clock;
        frame.Index = index++;
        clock += frame.Duration;
        return frame;
    }
}
