namespace Muybridge.Video;

/// <summary>What a completed run produced.</summary>
/// <param name="FramesWritten">Frames handed to the sinks.</param>
/// <param name="Width">Width of the last frame written.</param>
/// <param name="Height">Height of the last frame written.</param>
/// <param name="Duration">Timestamp plus duration of the last frame.</param>
/// <param name="Outputs">Final paths written.</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record PipelineResult(int FramesWritten, int Width, int Height, TimeSpan Duration, IReadOnlyList<string> Outputs, TimeSpan Elapsed);
