using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Depth;

/// <summary>Fills each frame's depth plane with an <see cref="IDepthEstimator"/>; colour, alpha and timing pass unchanged.</summary>
public sealed class DepthStage : IFrameStage
{
    private readonly IDepthEstimator _estimator;

    /// <summary>Creates the stage.</summary>
    public DepthStage(IDepthEstimator estimator)
    {
        _estimator = estimator ?? throw new ArgumentNullException(nameof(estimator));
    }

    /// <inheritdoc />
    public string Name => $"depth ({_estimator.Name})";

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                _estimator.Estimate(frame, frame.EnsureDepth(), cancellationToken);
            }
            catch
            {
                frame.Dispose();
                throw;
            }

            yield return frame;
        }
    }
}
