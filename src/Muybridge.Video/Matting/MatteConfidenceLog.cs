using System.Globalization;
using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Matting;

/// <summary>
/// Passes matted frames on unchanged and notes those whose <see cref="Frame.MatteConfidence"/> falls below a threshold: the
/// frames where a click would help. Put it right after the matter, where frame indices are the source's.
/// </summary>
public sealed class MatteConfidenceLog : IFrameStage
{
    private readonly List<(int Frame, float Confidence)> _low = [];

    /// <summary>Creates the log.</summary>
    /// <param name="threshold">Frames below this confidence are noted (0…1).</param>
    public MatteConfidenceLog(float threshold = DefaultThreshold)
    {
        if (!(threshold is >= 0f and <= 1f))
        {
            throw new OptionOutOfRangeException(nameof(threshold), threshold, "The confidence threshold is a fraction from 0 to 1.");
        }

        Threshold = threshold;
    }

    /// <summary>The default threshold: on the ground-band set, frames under it match the truth markedly worse (docs/matting.md).</summary>
    public const float DefaultThreshold = 0.8f;

    /// <summary>The threshold in use.</summary>
    public float Threshold { get; }

    /// <summary>The frames noted so far, in order: their index and confidence.</summary>
    public IReadOnlyList<(int Frame, float Confidence)> LowFrames => _low;

    /// <inheritdoc />
    public string Name => "matte confidence";

    /// <summary>One line naming the low frames and the click that would help, or null when there are none.</summary>
    public string? Advice()
    {
        if (_low.Count == 0)
        {
            return null;
        }

        var shown = string.Join(", ", _low.Take(8).Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Frame} ({l.Confidence:0.00})")));
        var more = _low.Count > 8 ? $" and {_low.Count - 8} more" : "";
        return $"matte: the evidence supports less than {Threshold:0.##} of the matte on frame(s) {shown}{more}; a click on the subject there helps: --point x,y@{_low[0].Frame}";
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (frame.MatteConfidence is { } confidence && confidence < Threshold)
            {
                _low.Add((frame.Index, confidence));
            }

            yield return frame;
        }
    }
}
