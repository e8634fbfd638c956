using Muybridge.Video.Frames;

namespace Muybridge.Video.Sinks;

/// <summary>
/// Turns frame timestamps into the per-page delays of an animated file. Rounds to the format's step while carrying the
/// error forward, so a long animation does not drift from the source timing.
/// </summary>
internal sealed class AnimationTimeline
{
    private const int MinimumDelayMs = 20;
    private readonly AnimationOptions _options;
    private readonly int _stepMs;
    private double _idealEndMs;
    private long _writtenEndMs;

    public AnimationTimeline(AnimationOptions options, int stepMs)
    {
        _options = options;
        _stepMs = stepMs;
    }

    /// <summary>The delays (one per page to write) for this frame; empty when a constant rate drops it.</summary>
    public IEnumerable<int> Delays(Frame frame)
    {
        if (_options.FramesPerSecond is double fps)
        {
            var copies = FrameRateConverter.TicksCovered(frame, fps);
            for (var i = 0; i < copies; i++)
            {
                yield return Next(1000.0 / fps);
            }
        }
        else
        {
            yield return Next(frame.Duration.TotalMilliseconds);
        }
    }

    private int Next(double durationMs)
    {
        _idealEndMs += Math.Max(MinimumDelayMs, durationMs);
        var end = (long)Math.Round(_idealEndMs / _stepMs) * _stepMs;
        var delay = (int)Math.Max(MinimumDelayMs, end - _writtenEndMs);
        _writtenEndMs += delay;
        return delay;
    }
}
