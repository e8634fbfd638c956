using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;
using Muybridge.Video.Sources;

namespace Muybridge.Video;

/// <summary>Drops what a segment's context frames produced: everything timed at or after the segment's end.</summary>
internal sealed class SegmentTrim(SegmentSource segment) : IFrameStage
{
    public string Name => $"keep segment [{segment.Start}, {segment.End})";

    public async IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // The end time is known once the source has read frame End, which happens before anything derived from it.
            if (segment.EndTime is { } end && frame.Timestamp >= end)
            {
                frame.Dispose();
                continue;
            }

            yield return frame;
        }
    }
}
