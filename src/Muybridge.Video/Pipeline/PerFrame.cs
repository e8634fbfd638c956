using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;

namespace Muybridge.Video;

/// <summary>The loop every one-frame-in, one-frame-out stage shares: map each frame, dispose the input, keep index and timing.</summary>
internal static class PerFrame
{
    public static async IAsyncEnumerable<Frame> MapAsync(IAsyncEnumerable<Frame> frames, Func<Frame, Frame> map, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Frame result;
            using (frame)
            {
                result = map(frame);
                CopyTiming(frame, result);
            }

            yield return result;
        }
    }

    public static void CopyTiming(Frame from, Frame to)
    {
        to.Index = from.Index;
        to.Timestamp = from.Timestamp;
        to.Duration = from.Duration;
    }
}
