using Muybridge.Video.Frames;
using Muybridge.Video.Motion;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Matting;

/// <summary>
/// Carries the user's prompts from frame to frame along the optical flow, so a click on the first frame still lands on the
/// subject twenty frames later. Prompts made on a later frame join when that frame arrives. <see cref="Snap"/> pulls a
/// positive click back onto the subject when it drifted off.
/// </summary>
public sealed class PromptTracker
{
    private readonly PointPrompt[] _pending;
    private readonly BoxPrompt[] _pendingBoxes;
    private readonly List<(float X, float Y, bool Positive)> _points = [];
    private readonly DenseOpticalFlow _flow = new();
    private readonly FlowField _field = new(1, 1);
    private float[] _previous = [];
    private float[] _current = [];
    private int _position;
    private int _carriedCount;

    /// <summary>Tracks <paramref name="points"> (and <paramref name="boxes">) over a clip of <paramref name="width">×<paramref name="height"> frames.</summary>
    /// <exception cref="InvalidOptionException">No positive point on frame 0, or a prompt outside the frame.</exception>
    public PromptTracker(IReadOnlyList<PointPrompt> points, int width, int height, IReadOnlyList<BoxPrompt>? boxes = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        Validate(points);
        Width = width;
        Height = height;
        _pending = points.ToArray();
        _pendingBoxes = (boxes ?? []).ToArray();
        foreach (var point in _pending.Where(p => p.Frame == 0))
        {
            point.EnsureInside(width, height);
        }

        foreach (var box in _pendingBoxes.Where(b => b.Frame == 0))
        {
            box.EnsureInside(width, height);
        }
    }

    /// <summary>Refuses prompts that cannot start a matte: no positive point on the first frame.</summary>
    /// <exception cref="InvalidOptionException">No positive point, or none on frame 0.</exception>
    public static void Validate(IReadOnlyList<PointPrompt> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (!points.Any(p => p.Positive && p.Frame == 0))
        {
            throw new InvalidOptionException(points.Any(p => p.Positive)
                ? $"The matte starts on the first frame: put at least one positive point on frame 0 (the first positive point is on frame {points.Where(p => p.Positive).Min(p => p.Frame)}); points on later frames correct the selection from their frame on."
                : "Matting needs at least one positive point on the subject (CLI: --point x,y).", nameof(points));
        }
    }

    /// <summary>The clip's frame width.</summary>
    public int Width { get; }

    /// <summary>The clip's frame height.</summary>
    public int Height { get; }

    /// <summary>The clicks active on the current frame, where they are now.</summary>
    public IReadOnlyList<(float X, float Y, bool Positive)> Points => _points;

    /// <summary>The box around the subject on the current frame (moved with the flow), if one was drawn.</summary>
    public (float X, float Y, float Width, float Height)? Box { get; private set; }

    /// <summary>The flow from the previous frame to the current one (frame pixels), or null on the first frame.</summary>
    public FlowField? Flow => _position > 1 ? _field : null;

    /// <summary>What the clicks selected on the previous frame (working resolution of the caller), if anything.</summary>
    public bool[]? Selected { get; set; }

    /// <summary>True when <paramref name="x"/>, <paramref name="y"/> is outside the box (with a margin), i.e. certainly backdrop.</summary>
    public bool OutsideBox(float x, float y)
    {
        if (Box is not { } box)
        {
            return false;
        }

        var margin = 0.03f * Math.Max(box.Width, box.Height);
        return x < box.X - margin || y < box.Y - margin || x > box.X + box.Width + margin || y > box.Y + box.Height + margin;
    }

    /// <summary>Moves the prompts by the flow from the previous frame to <paramref name="frame"/>, then adds this frame's prompts.</summary>
    public void Advance(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width != Width || frame.Height != Height)
        {
            throw new InvalidFrameInputException($"Frame {frame.Index} is {frame.Width}x{frame.Height}; the clip being matted is {Width}x{Height}.");
        }

        ScratchBuffer.Ensure(ref _current, frame.PixelCount);
        FlowLuma.Fill(frame, _current);
        if (_position > 0)
        {
            _flow.Estimate(_previous.AsSpan(0, frame.PixelCount), _current.AsSpan(0, frame.PixelCount), Width, Height, _field);
            for (var i = 0; i < _points.Count; i++)
            {
                var (x, y, positive) = _points[i];
                var (u, v) = _field.Sample(x, y);
                _points[i] = (Math.Clamp(x + u, 0, Width - 1), Math.Clamp(y + v, 0, Height - 1), positive);
            }

            if (Box is { } box)
            {
                var (u, v) = _field.Sample(box.X + box.Width / 2, box.Y + box.Height / 2);
                Box = (box.X + u, box.Y + v, box.Width, box.Height);
            }
        }

        _carriedCount = _points.Count;
        foreach (var point in _pending.Where(p => p.Frame == _position))
        {
            point.EnsureInside(Width, Height);
            _points.Add((point.X, point.Y, point.Positive));
        }

        foreach (var box in _pendingBoxes.Where(b => b.Frame == _position))
        {
            box.EnsureInside(Width, Height);
            Box = (box.X, box.Y, box.Width, box.Height);
        }

        (_previous, _current) = (_current, _previous);
        _position++;
    }

    /// <summary>Whether point <paramref name="index"/> was carried here from an earlier frame (not placed on this one).</summary>
    internal bool Carried(int index) => index < _carriedCount;

    /// <summary>Puts point <paramref name="index"/> at <paramref name="x"/>, <paramref name="y"/> (frame pixels).</summary>
    internal void Move(int index, float x, float y)
    {
        var (_, _, positive) = _points[index];
        _points[index] = (Math.Clamp(x, 0, Width - 1), Math.Clamp(y, 0, Height - 1), positive);
    }

    /// <summary>Moves each positive point that is off the mask to the nearest mask pixel within <paramref name="reach"/>.</summary>
    public void Snap(bool[] mask, int reach)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Length < Width * Height)
        {
            throw new InvalidOptionException($"The mask holds {mask.Length} pixels, not the clip's {Width}x{Height}.", nameof(mask));
        }

        for (var i = 0; i < _points.Count; i++)
        {
            var (px, py, positive) = _points[i];
            int sx = (int)px, sy = (int)py;
            if (!positive || mask[sy * Width + sx])
            {
                continue;
            }

            if (Nearest(sx, sy, reach, Width, Height, (x, y) => mask[y * Width + x]) is { } nearest)
            {
                _points[i] = (nearest.X, nearest.Y, positive);
            }
        }
    }

    /// <summary>
    /// The nearest pixel to <paramref name="x"/>, <paramref name="y"/> within <paramref name="reach"/> (a square) that
    /// <paramref name="accepts"/> takes (the first in raster order among equally near ones), or null.
    /// </summary>
    internal static (int X, int Y)? Nearest(int x, int y, int reach, int width, int height, Func<int, int, bool> accepts)
    {
        var best = (X: x, Y: y, D: int.MaxValue);
        for (var cy = Math.Max(0, y - reach); cy <= Math.Min(height - 1, y + reach); cy++)
        {
            for (var cx = Math.Max(0, x - reach); cx <= Math.Min(width - 1, x + reach); cx++)
            {
                var d = (cx - x) * (cx - x) + (cy - y) * (cy - y);
                if (d < best.D && accepts(cx, cy))
                {
                    best = (cx, cy, d);
                }
            }
        }

        return best.D == int.MaxValue ? null : (best.X, best.Y);
    }
}
