namespace Muybridge.Video.Sinks;

/// <summary>Timing of an animated GIF, WebP or APNG.</summary>
public sealed record AnimationOptions
{
    /// <summary>
    /// A constant frame rate to resample to (frames repeated or dropped by their timestamps). Null keeps each frame's own
    /// duration, rounded to the format's step; durations under 20 ms are raised to 20 ms, the least browsers honour.
    /// </summary>
    public double? FramesPerSecond { get; init; }

    /// <summary>Times to play; 0 loops forever.</summary>
    public int Loop { get; init; }
}
