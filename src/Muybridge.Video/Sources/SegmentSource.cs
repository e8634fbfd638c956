using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Sources;

/// <summary>
/// Frames [<see cref="Start"/>, <see cref="End"/>) of another source, plus <see cref="ContextAfter"/> frames after them for
/// stages that look ahead (interpolation needs the next frame to make the last in-between). Frames keep their position in
/// the whole clip (index and timestamp), so a job scheduler can split a long film across machines: each piece runs
/// <c>Pipeline.From(segment)…KeepSegment(segment)</c>, and the pieces join without a seam. Exact for stages that depend only on
/// nearby frames (interpolation without a loop seam, upscaling, compositing, depth); stages that carry memory from the start
/// of the clip (click tracking, temporal smoothing) start afresh in each piece.
/// </summary>
public sealed class SegmentSource : IFrameSource
{
    private readonly IFrameSource _source;

    /// <summary>Wraps <paramref name="source"/> (not owned: dispose it yourself).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An empty or negative range, or negative context.</exception>
    public SegmentSource(IFrameSource source, int start, int end, int contextAfter = 1)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(end, start);
        ArgumentOutOfRangeException.ThrowIfNegative(contextAfter);
        _source = source;
        (Start, End, ContextAfter) = (start, end, contextAfter);
        var count = source.Info.FrameCount is { } total ? Math.Max(0, Math.Min(end + contextAfter, total) - start) : (int?)null;
        Info = source.Info with { FrameCount = count, Description = $"frames [{start}, {end}) of {source.Info.Description}" };
    }

    /// <summary>The first frame of the segment.</summary>
    public int Start { get; }

    /// <summary>The frame after the segment's last.</summary>
    public int End { get; }

    /// <summary>Frames read past <see cref="End"/> as context.</summary>
    public int ContextAfter { get; }

    /// <summary>The timestamp of frame <see cref="End"/> once it has been read (null until then, or when the clip ends first).</summary>
    public TimeSpan? EndTime { get; private set; }

    /// <inheritdoc />
    public FrameSourceInfo Info { get; }

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // A seekable source starts at the segment; any other is read from its start and the frames before it dropped.
        var position = _source is ISeekableFrameSource ? Start : 0;
        var frames = _source is ISeekableFrameSource seekable ? seekable.ReadFromAsync(Start, cancellationToken) : _source.ReadAsync(cancellationToken);
        EndTime = null;
        await foreach (var frame in frames.ConfigureAwait(false))
        {
            var at = position++;
            if (at < Start)
            {
                frame.Dispose();
                continue;
            }

            if (at == End)
            {
                EndTime = frame.Timestamp;
            }

            if (at >= End + ContextAfter)
            {
                frame.Dispose();
                yield break;
            }

            yield return frame;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
