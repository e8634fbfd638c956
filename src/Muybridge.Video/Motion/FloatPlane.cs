namespace Muybridge.Video.Motion;

/// <summary>A resizable single-channel float image whose buffer is kept between uses.</summary>
internal sealed class FloatPlane
{
    private float[] _data = [];

    public int Width { get; private set; }

    public int Height { get; private set; }

    public float[] Data => _data;

    public Span<float> Span => _data.AsSpan(0, Width * Height);

    public void Resize(int width, int height)
    {
        if (_data.Length < width * height)
        {
            _data = new float[width * height];
        }

        Width = width;
        Height = height;
    }

    /// <summary>Bilinear sample clamped to the border.</summary>
    public float Sample(float x, float y)
    {
        x = Math.Clamp(x, 0, Width - 1.0001f);
        y = Math.Clamp(y, 0, Height - 1.0001f);
        var ix = (int)x;
        var iy = (int)y;
        var fx = x - ix;
        var fy = y - iy;
        var i = iy * Width + ix;
        var dx = ix + 1 < Width ? 1 : 0;
        var dy = iy + 1 < Height ? Width : 0;
        var top = _data[i] + (_data[i + dx] - _data[i]) * fx;
        var bottom = _data[i + dy] + (_data[i + dy + dx] - _data[i + dy]) * fx;
        return top + (bottom - top) * fy;
    }
}
