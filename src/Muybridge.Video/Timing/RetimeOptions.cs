namespace Muybridge.Video.Timing;

/// <summary>How a clip's timing is changed.</summary>
public sealed record RetimeOptions
{
    /// <summary>Playback speed: 2 plays twice as fast, 0.5 half as fast (frames are shown longer; interpolate first for smooth slow motion).</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Times the clip is played in a row (at least 1).</summary>
    public int Loops { get; init; } = 1;

    /// <summary>Play forward then backward (without repeating the end frames), as a ping-pong loop.</summary>
    public bool PingPong { get; init; }

    /// <summary>
    /// Most frames held for looping or ping-pong. Loops replay the clip, so the clip is kept; beyond this limit the stage
    /// refuses rather than let memory grow with the input.
    /// </summary>
    public int MaxBufferedFrames { get; init; } = 5000;
}
