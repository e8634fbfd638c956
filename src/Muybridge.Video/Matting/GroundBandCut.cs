using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Matting;

/// <summary>
/// Cuts the ground band a matte ends in (see <see cref="SeededMatterOptions.CutGroundBand"/>) as a stage of its own, for
/// pipelines that read the uncut matte first: the recipe measures the ground speed on the hooves where they stand in the
/// band, then cuts it.
/// </summary>
public sealed class GroundBandCut : IFrameStage
{
    /// <inheritdoc />
    public string Name => "ground band cut";

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        float[] soft = [];
        await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (frame.HasAlpha)
            {
                var alpha = frame.Alpha;
                if (soft.Length < alpha.Length)
                {
                    soft = new float[alpha.Length];
                }

                for (var i = 0; i < alpha.Length; i++)
                {
                    soft[i] = alpha[i] / 255f;
                }

                if (GroundBand.Cut(soft.AsSpan(0, alpha.Length), frame.Width, frame.Height))
                {
                    for (var i = 0; i < alpha.Length; i++)
                    {
                        alpha[i] = (byte)(soft[i] * 255f + 0.5f);
                    }
                }
            }

            yield return frame;
        }
    }
}
