using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Cli.Commands;

/// <summary>Drops the alpha plane: a matte made only to steer another stage (per-region colour) is not a cut-out.</summary>
internal sealed class KeepOpaque : IFrameStage
{
    public string Name => "opaque";

    public async IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (frame.HasAlpha)
            {
                frame.RemoveAlpha();
            }

            yield return frame;
        }
    }
}
