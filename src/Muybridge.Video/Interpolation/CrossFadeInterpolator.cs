using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Interpolation;

/// <summary>
/// Inserts in-between frames by cross-fading neighbours (colour and alpha). A placeholder baseline: it ghosts on far-apart
/// frames, which the flow-based interpolator fixes; it also serves as the reference the better interpolators are scored against.
/// </summary>
public sealed class CrossFadeInterpolator : IFrameStage
{
    /// <summary>Creates the stage.</summary>
    /// <param name="factor">Output frames per input frame (2 doubles the frame count); at least 1.</param>
    /// <param name="loop">Also interpolate from the last frame back to the first, so the clip loops without a hitch.</param>
    public CrossFadeInterpolator(int factor = 2, bool loop = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        Factor = factor;
        Loop = loop;
    }

    /// <summary>Output frames per input frame.</summary>
    public int Factor { get; }

    /// <summary>Whether the last→first seam is interpolated.</summary>
    public bool Loop { get; }

    /// <inheritdoc />
    public string Name => $"cross-fade ×{Factor}";

    /// <inheritdoc />
    public int? EstimateOutputCount(int? inputCount) => inputCount is int n ? (Loop ? n * Factor : (n - 1) * Factor + 1) : null;

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Frame? first = null;
        Frame? previous = null;
        Frame? current = null;
        var index = 0;
        try
        {
            await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                // Held in a field the finally sees: the consumer may stop while in-betweens are being handed out.
                current = frame;
                if (previous is null)
                {
                    first = Loop ? frame.Clone() : null;
                }
                else
                {
                    foreach (var between in Between(previous, frame, frame.Timestamp - previous.Timestamp))
                    {
                        between.Index = index++;
                        yield return between;
                    }
                }

                previous?.Dispose();
                previous = current;
                current = null;
                var kept = frame.Clone();
                kept.Index = index++;
                kept.Duration = frame.Duration / Factor;
                yield return kept;
            }

            if (Loop && previous is not null && first is not null)
            {
                foreach (var between in Between(previous, first, previous.Duration))
                {
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
        }
    }

    private IEnumerable<Frame> Between(Frame a, Frame b, TimeSpan interval)
    {
        if (a.Width != b.Width || a.Height != b.Height)
        {
            throw new InvalidFrameInputException($"Cannot interpolate between frames of different sizes ({a.Width}x{a.Height} and {b.Width}x{b.Height}).");
        }

        for (var k = 1; k < Factor; k++)
        {
            var t = (float)k / Factor;
            var result = a.CreateSibling();
            result.Timestamp = a.Timestamp + interval * t;
            result.Duration = interval / Factor;
            Blend(a.Rgb, b.Rgb, result.Rgb, t);
            if (a.HasAlpha || b.HasAlpha)
            {
                Blend(a.HasAlpha ? a.Alpha : Opaque(a), b.HasAlpha ? b.Alpha : Opaque(b), result.EnsureAlpha(), t);
            }

            yield return result;
        }
    }

    private static byte[] Opaque(Frame frame)
    {
        var plane = new byte[frame.PixelCount];
        Array.Fill(plane, (byte)255);
        return plane;
    }

    private static void Blend(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination, float t)
    {
        var wb = (int)(t * 256 + 0.5f);
        var wa = 256 - wb;
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (byte)((a[i] * wa + b[i] * wb + 128) >> 8);
        }
    }
}
