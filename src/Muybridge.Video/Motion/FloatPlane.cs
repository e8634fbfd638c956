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
    public float Sample(float x, float y) => Sample(_data, Width, Height, x, y);

    /// <summary>Bilinear sample of a row-major plane, clamped to the border.</summary>
    public static float Sample(ReadOnlySpan<float> data, int width, int height, float x, float y)
    {
        x = Math.Clamp(x, 0, width - 1.0001f);
        y = Math.Clamp(y, 0, height - 1.0001f);
        var ix = (int)x;
        var iy = (int)y;
        var fx = x - ix;
        var fy = y - iy;
        var i = iy * width + ix;
        var dx = ix + 1 < width ? 1 : 0;
        var dy = iy + 1 < height ? width : 0;
        var top = data[i] + (data[i + dx] - data[i]) * fx;
        var bottom = data[i + dy] + (data[i + dy + dx] - data[i + dy]) * fx;
        return top + (bottom - top) * fy;
    }
}
