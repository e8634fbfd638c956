using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Restoration;

/// <summary>
/// Trims a clip to one gait cycle (<see cref="GaitCycle.Detect"/>) starting where its loop seam is smoothest, so a plate
/// that holds more or less than one stride loops without a hitch. It must see the whole clip first: a plate's dozen or two
/// frames. <see cref="Cycle"/> says what it found once the clip has passed.
/// </summary>
public sealed class StrideLoop : IFrameStage
{
    /// <summary>The stride found in the last clip.</summary>
    public GaitCycle? Cycle { get; private set; }

    /// <inheritdoc />
    public string Name => "loop one stride";

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var clip = new List<Frame>();
        try
        {
            await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                clip.Add(frame);
            }

            Cycle = GaitCycle.Detect(clip);
        }
        catch
        {
            clip.ForEach(f => f.Dispose());
            throw;
        }

        var start = clip[Cycle.LoopStart].Timestamp;
        for (var i = 0; i < clip.Count; i++)
        {
            var frame = clip[i];
            clip[i] = null!;
            if (i < Cycle.LoopStart || i >= Cycle.LoopStart + Cycle.Period)
            {
                frame.Dispose();
                continue;
            }

            frame.Index = i - Cycle.LoopStart;
            frame.Timestamp -= start;
            yield return frame;
        }
    }
}
