using Muybridge.Video.Frames;
using System.Runtime.CompilerServices;

namespace Muybridge.Video.Streaming;

/// <summary>
/// A stream that reads a few frames ahead, for stages that judge a frame by those around it (the backdrop seen as the
/// subject moves on): each frame is admitted as it is read, which gives it its index in the stream, and finished only once
/// <c>reach</c> frames after it are in (or the stream has ended). Memory stays at the window however long the input.
/// </summary>
public static class ReadAhead
{
    /// <summary>Admits a frame as it is read; returns its index in the stream.</summary>
    public delegate long Admit(Frame frame);

    /// <summary>Finishes frame <paramref name="index"/> when <paramref name="lastAdmitted"/> is the furthest frame read.</summary>
    public delegate Frame Finish(Frame frame, long index, long lastAdmitted);

    /// <summary>
    /// Runs the window. A frame whose admission or finishing throws is disposed, as are the frames still waiting when the
    /// stream stops early.
    /// </summary>
    public static IAsyncEnumerable<Frame> RunAsync(
        IAsyncEnumerable<Frame> frames, int reach, Admit admit, Finish finish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(admit);
        ArgumentNullException.ThrowIfNull(finish);
        ArgumentOutOfRangeException.ThrowIfNegative(reach);
        return RunCoreAsync(frames, reach, admit, finish, cancellationToken);
    }

    private static async IAsyncEnumerable<Frame> RunCoreAsync(
        IAsyncEnumerable<Frame> frames, int reach, Admit admit, Finish finish, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pending = new Queue<(Frame Frame, long Index)>();
        long lastAdmitted = -1;
        try
        {
            await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    lastAdmitted = admit(frame);
                }
                catch
                {
                    frame.Dispose();
                    throw;
                }

                pending.Enqueue((frame, lastAdmitted));
                if (pending.Count > reach)
                {
                    yield return Next();
                }
            }

            while (pending.Count > 0)
            {
                yield return Next();
            }
        }
        finally
        {
            while (pending.Count > 0)
            {
                pending.Dequeue().Frame.Dispose();
            }
        }

        Frame Next()
        {
            var (frame, index) = pending.Dequeue();
            try
            {
                return finish(frame, index, lastAdmitted);
            }
            catch
            {
                frame.Dispose();
                throw;
            }
        }
    }
}
