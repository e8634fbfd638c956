using Muybridge.Video.Pixels;
using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Restoration;

/// <summary>
/// Removes the exposure and contrast differences between Muybridge's separate cameras, so a looping clip does not pulse:
/// every frame's backdrop (pixels outside the matte when the frame has one, else the whole frame) is given the mean and
/// spread of the first frame's backdrop by one gain and offset per frame, applied to all three channels.
/// </summary>
public sealed class ToneNormalizer : IFrameStage
{
    /// <inheritdoc />
    public string Name => "normalise tone";

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        (double Mean, double Spread)? reference = null;
        await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var stats = BackdropStats(frame);
            reference ??= stats;
            var (gain, offset) = GainAndOffset(stats, reference.Value);
            Span<byte> table = stackalloc byte[256];
            for (var v = 0; v < 256; v++)
            {
                table[v] = (byte)Math.Clamp(Math.Round(gain * v + offset), 0, 255);
            }

            var rgb = frame.Rgb;
            for (var i = 0; i < rgb.Length; i++)
            {
                rgb[i] = table[rgb[i]];
            }

            yield return frame;
        }
    }

    /// <summary>
    /// The gain and offset that give levels of <paramref name="stats"/> the mean and spread of <paramref name="reference"/>;
    /// the gain stays within 0.5…2 so a near-flat frame is not stretched into noise.
    /// </summary>
    internal static (double Gain, double Offset) GainAndOffset((double Mean, double Spread) stats, (double Mean, double Spread) reference)
    {
        var gain = Math.Clamp(reference.Spread / Math.Max(stats.Spread, 1e-3), 0.5, 2.0);
        return (gain, reference.Mean - gain * stats.Mean);
    }

    /// <summary>Mean and standard deviation of the backdrop's grey level (0…255).</summary>
    public static (double Mean, double Spread) BackdropStats(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var rgb = frame.Rgb;
        var alpha = frame.HasAlpha ? frame.Alpha : default;
        double sum = 0, squares = 0;
        long count = 0;
        for (var i = 0; i < frame.PixelCount; i++)
        {
            if (!alpha.IsEmpty && alpha[i] >= 32)
            {
                continue;
            }

            var grey = Luma.Precise(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
            sum += grey;
            squares += grey * grey;
            count++;
        }

        if (count == 0)
        {
            return (128, 1);
        }

        var mean = sum / count;
        return (mean, Math.Sqrt(Math.Max(0, squares / count - mean * mean)));
    }
}
