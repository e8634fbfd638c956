using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Streaming;

/// <summary>
/// Runs a stage with temporal memory over a clip that loops: the clip is held, its last frames go through first (their
/// results thrown away) so the memory the first frame meets is the clip's own end, and the seam from the last frame back
/// to the first is as steady as any other step. Without a loop frames stream through one by one.
/// </summary>
public static class LoopPriming
{
    /// <summary>How many of the clip's last frames bring exponential smoothing of this strength within 5 % of steady.</summary>
    public static int FramesFor(float consistency, int clipLength)
    {
        if (consistency <= 0)
        {
            return 0;
        }

        var needed = consistency >= 0.999f ? clipLength : (int)Math.Ceiling(Math.Log(0.05) / Math.Log(consistency));
        return Math.Clamp(needed, 0, Math.Max(0, clipLength - 1));
    }

    /// <summary>
    /// Runs <paramref name="process"/> (which changes a frame in place and carries memory to the next call) over the
    /// clip; with <paramref name="loop"/> it first runs over copies of the clip's last <see cref="FramesFor"/> frames.
    /// <paramref name="consistency"/> is the stage's smoothing strength (0…1), which sets how many.
    /// </summary>
    public static IAsyncEnumerable<Frame> RunAsync(IAsyncEnumerable<Frame> frames, bool loop, float consistency, Action<Frame> process, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(process);
        return RunCoreAsync(frames, loop, consistency, process, cancellationToken);
    }

    private static async IAsyncEnumerable<Frame> RunCoreAsync(IAsyncEnumerable<Frame> frames, bool loop, float consistency, Action<Frame> process, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!loop)
        {
            await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                ProcessOrDispose(frame, process);
                yield return frame;
            }

            yield break;
        }

        var clip = new List<Frame>();
        var next = 0;
        try
        {
            await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                clip.Add(frame);
            }

            for (var i = clip.Count - FramesFor(consistency, clip.Count); i < clip.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var warmUp = clip[i].Clone();
                process(warmUp);
            }

            while (next < clip.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var frame = clip[next++];
                ProcessOrDispose(frame, process);
                yield return frame;
            }
        }
        finally
        {
            // Whatever was not handed on (failure, cancellation, the consumer stopping early) is ours to release.
            for (var i = next; i < clip.Count; i++)
            {
                clip[i].Dispose();
            }
        }
    }

    private static void ProcessOrDispose(Frame frame, Action<Frame> process)
    {
        try
        {
            process(frame);
        }
        catch
        {
            frame.Dispose();
            throw;
        }
    }
}
