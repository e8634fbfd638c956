namespace Muybridge.Video.Sinks;

/// <summary>H.264 encoding settings for <see cref="Mp4Sink"/>.</summary>
public sealed record Mp4Options
{
    /// <summary>Constant output rate; frames are repeated or dropped by their timestamps to fit it. Null takes the first frame's duration.</summary>
    public double? FramesPerSecond { get; init; }

    /// <summary>x264 constant rate factor: 0 lossless … 51 worst; 18 is visually lossless.</summary>
    public int Quality { get; init; } = 18;

    /// <summary>x264 preset (ultrafast … veryslow).</summary>
    public string Preset { get; init; } = "medium";
}
