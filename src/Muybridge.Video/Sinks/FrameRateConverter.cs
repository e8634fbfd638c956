using Muybridge.Video.Frames;

namespace Muybridge.Video.Sinks;

/// <summary>
/// Maps frames with their own timestamps and durations onto a constant rate: each output tick shows the frame whose
/// time span covers it, so a frame is repeated, kept once, or dropped. Stateless, so it streams.
/// </summary>
internal static class FrameRateConverter
{
    public static int TicksCovered(Frame frame, double framesPerSecond)
    {
        const double epsilon = 1e-6;
        var start = Math.Ceiling(frame.Timestamp.TotalSeconds * framesPerSecond - epsilon);
        var end = Math.Ceiling((frame.Timestamp + frame.Duration).TotalSeconds * framesPerSecond - epsilon);
        return (int)Math.Max(0, end - start);
    }
}
