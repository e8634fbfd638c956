using Muybridge.Video.Frames;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Restoration;

/// <summary>
/// A small grey thumbnail of a frame (box-averaged to about 64 pixels across) for cheap, noise-tolerant comparisons:
/// compression noise and grain average out, a moved leg does not.
/// </summary>
internal sealed class FrameSignature
{
    private const int Side = 64;

    private FrameSignature(float[] values, int width, int height)
    {
        Values = values;
        Width = width;
        Height = height;
    }

    public float[] Values { get; }

    public int Width { get; }

    public int Height { get; }

    public static FrameSignature Of(Frame frame)
    {
        var step = Math.Max(1, Math.Max(frame.Width, frame.Height) / Side);
        int w = Math.Max(1, frame.Width / step), h = Math.Max(1, frame.Height / step);
        var values = new float[w * h];
        var rgb = frame.Rgb;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                float sum = 0;
                for (var dy = 0; dy < step; dy++)
                {
                    var row = (y * step + dy) * frame.Width + x * step;
                    for (var dx = 0; dx < step; dx++)
                    {
                        var i = 3 * (row + dx);
                        sum += Luma.Of(rgb[i], rgb[i + 1], rgb[i + 2]);
                    }
                }

                values[y * w + x] = sum / (step * step);
            }
        }

        return new FrameSignature(values, w, h);
    }

    /// <summary>Mean absolute difference in grey levels (0…255).</summary>
    public float DistanceTo(FrameSignature other)
    {
        if (other.Width != Width || other.Height != Height)
        {
            throw new InvalidFrameInputException($"Cannot compare frames of different sizes ({Width}x{Height} and {other.Width}x{other.Height} thumbnails).");
        }

        double sum = 0;
        for (var i = 0; i < Values.Length; i++)
        {
            sum += Math.Abs(Values[i] - other.Values[i]);
        }

        return (float)(sum / Values.Length);
    }
}
