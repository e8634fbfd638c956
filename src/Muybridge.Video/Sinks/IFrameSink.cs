using Muybridge.Video.Frames;

namespace Muybridge.Video.Sinks;

/// <summary>
/// Where frames go. A sink borrows each frame (the caller still disposes it). Output is written to a temporary file
/// and only moved to its final name by <see cref="CompleteAsync"/>; disposing an uncompleted sink deletes the temporary
/// output, so a cancelled or failed run leaves nothing half-written.
/// </summary>
public interface IFrameSink : IAsyncDisposable
{
    /// <summary>The final path the sink writes.</summary>
    string OutputPath { get; }

    /// <summary>Consumes one frame.</summary>
    ValueTask WriteAsync(Frame frame, CancellationToken cancellationToken);

    /// <summary>Finishes the output and moves it to <see cref="OutputPath"/>.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}
