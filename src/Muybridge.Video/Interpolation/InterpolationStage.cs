using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Interpolation;

/// <summary>
/// Slow motion: runs an <see cref="IFrameInterpolator"/> between every pair of neighbouring frames, inserting
/// <c>factor − 1</c> in-betweens at even steps, and optionally across the last→first seam so a cyclic gait loops.
/// </summary>
public sealed class InterpolationStage : IFrameStage
{
    private readonly float[] _times;
    private readonly Frame[] _results;

    /// <summary>Creates the stage.</summary>
    /// <param name="interpolator">What synthesises the in-betweens.</param>
    /// <param name="factor">Output frames per input frame (2 doubles the frame count); at least 1.</param>
    /// <param name="loop">Also interpolate from the last frame back to the first, so the clip loops without a hitch.</param>
    public InterpolationStage(IFrameInterpolator interpolator, int factor = 2, bool loop = false)
    {
        ArgumentNullException.ThrowIfNull(interpolator);
        if (factor < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The interpolation factor must be at least 1 (1 keeps the frames as they are).");
        }

        Interpolator = interpolator;
        Factor = factor;
        Loop = loop;
        _times = new float[factor - 1];
        _results = new Frame[factor - 1];
        for (var k = 1; k < factor; k++)
        {
            _times[k - 1] = (float)k / factor;
        }
    }

    /// <summary>The interpolator in use.</summary>
    public IFrameInterpolator Interpolator { get; }

    /// <summary>Output frames per input frame.</summary>
    public int Factor { get; }

    /// <summary>Whether the last→first seam is interpolated.</summary>
    public bool Loop { get; }

    /// <inheritdoc />
    public string Name => $"{Interpolator.Name} ×{Factor}{(Loop ? " loop" : "")}";

    /// <inheritdoc />
    public int? EstimateOutputCount(int? inputCount) => inputCount is int n ? (Loop ? n * Factor : (n - 1) * Factor + 1) : null;

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Frame? first = null;
        Frame? previous = null;
        Frame? current = null;
        var pending = new Frame?[Factor - 1];
        var index = 0;
        try
        {
            await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                // Held where the finally sees it: the consumer may stop while in-betweens are being handed out.
                current = frame;
                if (previous is null)
                {
                    first = Loop ? frame.Clone() : null;
                }
                else
                {
                    Between(previous, frame, frame.Timestamp - previous.Timestamp, pending, cancellationToken);
                    for (var k = 0; k < pending.Length; k++)
                    {
                        var between = pending[k]!;
                        pending[k] = null;
                        between.Index = index++;
                        yield return between;
                    }
                }

                previous?.Dispose();
                previous = current;
                current = null;
                var kept = previous.Clone();
                kept.Index = index++;
                kept.Duration = previous.Duration / Factor;
                yield return kept;
            }

            if (Loop && previous is not null && first is not null)
            {
                Between(previous, first, previous.Duration, pending, cancellationToken);
                for (var k = 0; k < pending.Length; k++)
                {
                    var between = pending[k]!;
                    pending[k] = null;
                    between.Index = index++;
                    yield return between;
                }
            }
        }
        finally
        {
            current?.Dispose();
            previous?.Dispose();
            first?.Dispose();
            foreach (var frame in pending)
            {
                frame?.Dispose();
            }
        }
    }

    private void Between(Frame a, Frame b, TimeSpan interval, Frame?[] pending, CancellationToken cancellationToken)
    {
        if (pending.Length == 0)
        {
            return;
        }

        for (var k = 0; k < pending.Length; k++)
        {
            var result = a.CreateSibling();
            result.Timestamp = a.Timestamp + interval * _times[k];
            result.Duration = interval / Factor;
            pending[k] = result;
            _results[k] = result;
        }

        Interpolator.Interpolate(a, b, _times, _results, cancellationToken);
        Array.Clear(_results);
    }
}
