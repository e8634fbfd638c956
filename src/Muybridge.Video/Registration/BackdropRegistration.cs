using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;
using Muybridge.Video.Motion;

namespace Muybridge.Video.Registration;

/// <summary>
/// Aligns every frame's backdrop to the first frame's. Muybridge's cameras stood at different places along the track and
/// plates were scanned and cut unevenly, so the wall jumps between frames; after this stage in-between frames move the
/// animal, not the wall. The jump between neighbours is the median of their dense flow (the backdrop fills most of the
/// frame), accumulated along the clip; frames are resampled bilinearly with their borders extended.
/// </summary>
public sealed class BackdropRegistration : IFrameStage
{
    private readonly DenseOpticalFlow _flow;
    private readonly FlowField _field = new(1, 1);
    private float[] _sample = [];

    /// <summary>Creates the stage.</summary>
    public BackdropRegistration(RegistrationOptions? options = null)
    {
        Options = options ?? new RegistrationOptions();
        Options.Validate();
        _flow = new DenseOpticalFlow(new OpticalFlowOptions { MaxGlobalShift = Options.MaxShift, FinestLevel = 1 });
    }

    /// <summary>The settings in use.</summary>
    public RegistrationOptions Options { get; }

    /// <inheritdoc />
    public string Name => "register backdrop";

    /// <summary>The offset (pixels) of each frame's backdrop from the first frame's, in the order the frames passed.</summary>
    public IReadOnlyList<(float X, float Y)> Offsets => _offsets;

    private readonly List<(float X, float Y)> _offsets = [];

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _offsets.Clear();
        Frame? previous = null;
        float offsetX = 0, offsetY = 0;
        try
        {
            await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (previous is not null)
                {
                    if (previous.Width != frame.Width || previous.Height != frame.Height)
                    {
                        frame.Dispose();
                        throw new InvalidFrameInputException($"Cannot register frames of different sizes ({previous.Width}x{previous.Height} and {frame.Width}x{frame.Height}); fit them to one canvas first.");
                    }

                    var (dx, dy) = Measure(previous, frame);
                    offsetX += dx;
                    offsetY += dy;
                    previous.Dispose();
                }

                previous = frame;
                _offsets.Add((offsetX, offsetY));
                if (MathF.Abs(offsetX) < Options.MinShift && MathF.Abs(offsetY) < Options.MinShift)
                {
                    yield return frame.Clone();
                }
                else
                {
                    yield return Shifted(frame, offsetX, offsetY);
                }
            }
        }
        finally
        {
            previous?.Dispose();
        }
    }

    /// <summary>The backdrop's motion from <paramref name="first"/> to <paramref name="second"/> (median of the dense flow).</summary>
    public (float X, float Y) Measure(Frame first, Frame second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        _flow.Estimate(first, second, _field);
        return DominantMotion.Median(_field, 8192, ref _sample);
    }

    internal static Frame Shifted(Frame frame, float dx, float dy)
    {
        var result = frame.CreateSibling();
        result.Index = frame.Index;
        result.Timestamp = frame.Timestamp;
        result.Duration = frame.Duration;
        int width = frame.Width, height = frame.Height;
        var source = frame.Rgb;
        var target = result.Rgb;
        var hasAlpha = frame.HasAlpha;
        var alphaIn = hasAlpha ? frame.Alpha : default;
        var alphaOut = hasAlpha ? result.EnsureAlpha() : default;
        for (var y = 0; y < height; y++)
        {
            var sy = Math.Clamp(y + dy, 0, height - 1);
            var y0 = Math.Min((int)sy, Math.Max(height - 2, 0));
            var fy = sy - y0;
            var y1 = Math.Min(y0 + 1, height - 1);
            for (var x = 0; x < width; x++)
            {
                var sx = Math.Clamp(x + dx, 0, width - 1);
                var x0 = Math.Min((int)sx, Math.Max(width - 2, 0));
                var fx = sx - x0;
                var x1 = Math.Min(x0 + 1, width - 1);
                int a = y0 * width + x0, b = y0 * width + x1, c = y1 * width + x0, d = y1 * width + x1;
                float wa = (1 - fx) * (1 - fy), wb = fx * (1 - fy), wc = (1 - fx) * fy, wd = fx * fy;
                var o = y * width + x;
                for (var ch = 0; ch < 3; ch++)
                {
                    var value = wa * source[3 * a + ch] + wb * source[3 * b + ch] + wc * source[3 * c + ch] + wd * source[3 * d + ch];
                    target[3 * o + ch] = (byte)(value + 0.5f);
                }

                if (hasAlpha)
                {
                    alphaOut[o] = (byte)(wa * alphaIn[a] + wb * alphaIn[b] + wc * alphaIn[c] + wd * alphaIn[d] + 0.5f);
                }
            }
        }

        return result;
    }
}
