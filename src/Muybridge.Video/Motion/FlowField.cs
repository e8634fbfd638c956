namespace Muybridge.Video.Motion;

/// <summary>
/// A dense motion field: for every pixel of the first image, where it went in the second image (in pixels).
/// Buffers are reused when the field is resized to a size that fits, so one field can serve a whole clip.
/// </summary>
public sealed class FlowField
{
    private float[] _u;
    private float[] _v;

    /// <summary>Creates a zero field of the given size.</summary>
    public FlowField(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
        _u = new float[width * height];
        _v = new float[width * height];
    }

    /// <summary>Field width in pixels.</summary>
    public int Width { get; private set; }

    /// <summary>Field height in pixels.</summary>
    public int Height { get; private set; }

    /// <summary>Horizontal displacement per pixel, row-major.</summary>
    public Span<float> U => _u.AsSpan(0, Width * Height);

    /// <summary>Vertical displacement per pixel, row-major.</summary>
    public Span<float> V => _v.AsSpan(0, Width * Height);

    internal float[] UArray => _u;

    internal float[] VArray => _v;

    /// <summary>Changes the size, keeping the buffers when they are large enough. Contents are undefined afterwards.</summary>
    public void Resize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (_u.Length < width * height)
        {
            _u = new float[width * height];
            _v = new float[width * height];
        }

        Width = width;
        Height = height;
    }

    /// <summary>Sets every vector to (u, v).</summary>
    public void Fill(float u, float v)
    {
        U.Fill(u);
        V.Fill(v);
    }

    /// <summary>Bilinear sample of the field at a sub-pixel position, clamped to the border.</summary>
    public (float U, float V) Sample(float x, float y)
    {
        x = Math.Clamp(x, 0, Width - 1);
        y = Math.Clamp(y, 0, Height - 1);
        var ix = Math.Min((int)x, Width - 2 < 0 ? 0 : Width - 2);
        var iy = Math.Min((int)y, Height - 2 < 0 ? 0 : Height - 2);
        var fx = x - ix;
        var fy = y - iy;
        var i = iy * Width + ix;
        var dx = Width > 1 ? 1 : 0;
        var dy = Height > 1 ? Width : 0;
        return (
            Bilinear(_u, i, dx, dy, fx, fy),
            Bilinear(_v, i, dx, dy, fx, fy));
    }

    private static float Bilinear(float[] p, int i, int dx, int dy, float fx, float fy)
    {
        var top = p[i] + (p[i + dx] - p[i]) * fx;
        var bottom = p[i + dy] + (p[i + dy + dx] - p[i + dy]) * fx;
        return top + (bottom - top) * fy;
    }
}
