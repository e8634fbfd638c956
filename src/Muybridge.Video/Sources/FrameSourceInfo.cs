namespace Muybridge.Video.Sources;

/// <summary>What a source will deliver.</summary>
/// <param name="Width">Frame width in pixels.</param>
/// <param name="Height">Frame height in pixels.</param>
/// <param name="FrameCount">Number of frames, when known up front.</param>
/// <param name="FramesPerSecond">Nominal rate; frames also carry their own timestamps and durations.</param>
/// <param name="Description">A short human description (file name, plate grid).</param>
public sealed record FrameSourceInfo(int Width, int Height, int? FrameCount, double FramesPerSecond, string Description);
