using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Restoration;

/// <summary>
/// Collapses a GIF or film that holds each photograph for several frames (unevenly), and perhaps plays the whole set
/// again and again, to its distinct photographs, before interpolation. Each kept photograph lasts as long as its first
/// run, so one pass through the set keeps its timing; once the first photograph comes back (the loop starting over),
/// the rest is dropped. Frames closer than <see cref="Threshold"/> grey levels (mean absolute difference of 64-pixel thumbnails,
/// where compression noise averages out; distinct Muybridge photographs differ by 10 or more) are the same photograph.
/// </summary>
public sealed class DuplicateFrameCollapser : IFrameStage
{
    /// <summary>Creates the stage.</summary>
    /// <param name="threshold">Grey levels (0…255) under which two consecutive frames are the same photograph.</param>
    public DuplicateFrameCollapser(float threshold = 2f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        Threshold = threshold;
    }

    /// <summary>The sameness threshold in grey levels.</summary>
    public float Threshold { get; }

    /// <inheritdoc />
    public string Name => "collapse duplicates";

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Frame? held = null;
        FrameSignature? heldSignature = null;
        FrameSignature? opening = null;
        var repeating = false;
        var index = 0;
        try
        {
            await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (repeating)
                {
                    frame.Dispose();
                    continue;
                }

                var signature = FrameSignature.Of(frame);
                if (held is not null && signature.DistanceTo(heldSignature!) < Threshold)
                {
                    // The same photograph again: it only extends the one held.
                    held.Duration = frame.Timestamp + frame.Duration - held.Timestamp;
                    frame.Dispose();
                    continue;
                }

                if (opening is not null && signature.DistanceTo(opening) < Threshold)
                {
                    // The first photograph again: the set is playing over; nothing new can follow from a loop. Comparing
                    // with the opening photograph alone keeps this constant-time however long the film.
                    repeating = true;
                    frame.Dispose();
                    continue;
                }

                opening ??= signature;

                if (held is not null)
                {
                    held.Index = index++;
                    yield return held;
                }

                held = frame;
                heldSignature = signature;
            }

            if (held is not null)
            {
                held.Index = index;
                var last = held;
                held = null;
                yield return last;
            }
        }
        finally
        {
            held?.Dispose();
        }
    }
}
