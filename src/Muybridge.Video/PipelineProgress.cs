namespace Muybridge.Video;

/// <summary>How far a run has come.</summary>
/// <param name="FramesWritten">Frames that reached the sinks.</param>
/// <param name="EstimatedTotal">Expected number of frames, when the stages could tell.</param>
/// <param name="Elapsed">Time since the run started.</param>
public readonly record struct PipelineProgress(int FramesWritten, int? EstimatedTotal, TimeSpan Elapsed)
{
    /// <summary>Fraction done in 0…1, when the total is known.</summary>
    public double? Fraction => EstimatedTotal is > 0 ? Math.Min(1.0, (double)FramesWritten / EstimatedTotal.Value) : null;
}
