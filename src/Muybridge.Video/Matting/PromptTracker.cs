using Muybridge.Video.Frames;
using Muybridge.Video.Motion;

namespace Muybridge.Video.Matting;

/// <summary>
/// Carries the user's clicks from frame to frame along the optical flow, so a click on the first frame still lands on the
/// subject twenty frames later; <see cref="Snap"/> then pulls a positive click back onto the subject when it drifted off.
/// </summary>
internal sealed class PromptTracker
{
    private readonly (float X, float Y, bool Positive)[] _points;
    private readonly DenseOpticalFlow _flow = new();
    private readonly FlowField _field = new(1, 1);
    private float[] _previous = [];
    private float[] _current = [];
    private bool _hasPrevious;

    public PromptTracker(IReadOnlyList<PointPrompt> points, int width, int height)
    {
        if (!points.Any(p => p.Positive))
        {
            throw new ArgumentException("Matting needs at least one positive point on the subject (CLI: --point x,y).", nameof(points));
        }

        foreach (var point in points)
        {
            point.EnsureInside(width, height);
        }

        Width = width;
        Height = height;
        _points = points.Select(p => ((float)p.X, (float)p.Y, p.Positive)).ToArray();
    }

    public int Width { get; }

    public int Height { get; }

    public IReadOnlyList<(float X, float Y, bool Positive)> Points => _points;

    /// <summary>What the clicks selected on the previous frame (working resolution of the caller), if anything.</summary>
    public bool[]? Selected { get; set; }

    /// <summary>Moves the points by the flow from the previous frame to <paramref name="frame"/>.</summary>
    public void Advance(Frame frame)
    {
        if (frame.Width != Width || frame.Height != Height)
        {
            throw new InvalidFrameInputException($"Frame {frame.Index} is {frame.Width}x{frame.Height}; the clip being matted is {Width}x{Height}.");
        }

        ScratchBuffer.Ensure(ref _current, frame.PixelCount);
        FlowLuma.Fill(frame, _current);
        if (_hasPrevious)
        {
            _flow.Estimate(_previous.AsSpan(0, frame.PixelCount), _current.AsSpan(0, frame.PixelCount), Width, Height, _field);
            for (var i = 0; i < _points.Length; i++)
            {
                var (x, y, positive) = _points[i];
                var (u, v) = _field.Sample(x, y);
                _points[i] = (Math.Clamp(x + u, 0, Width - 1), Math.Clamp(y + v, 0, Height - 1), positive);
            }
        }

        (_previous, _current) = (_current, _previous);
        _hasPrevious = true;
    }

    /// <summary>Moves each positive point that is off the mask to the nearest mask pixel within <paramref name="reach"/>.</summary>
    public void Snap(bool[] mask, int reach)
    {
        for (var i = 0; i < _points.Length; i++)
        {
            var (px, py, positive) = _points[i];
            int sx = (int)px, sy = (int)py;
            if (!positive || mask[sy * Width + sx])
            {
                continue;
            }

            var best = (X: sx, Y: sy, D: int.MaxValue);
            for (var y = Math.Max(0, sy - reach); y <= Math.Min(Height - 1, sy + reach); y++)
            {
                for (var x = Math.Max(0, sx - reach); x <= Math.Min(Width - 1, sx + reach); x++)
                {
                    var d = (x - sx) * (x - sx) + (y - sy) * (y - sy);
                    if (d < best.D && mask[y * Width + x])
                    {
                        best = (x, y, d);
                    }
                }
            }

            if (best.D != int.MaxValue)
            {
                _points[i] = (best.X, best.Y, positive);
            }
        }
    }
}
