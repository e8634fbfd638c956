using System.Numerics.Tensors;

namespace Muybridge.Video.Motion;

/// <summary>An image and its 2×2 area-averaged reductions, with the horizontal and vertical gradients of each level.</summary>
internal sealed class ImagePyramid
{
    private readonly List<FloatPlane> _levels = [];
    private readonly List<FloatPlane> _gradX = [];
    private readonly List<FloatPlane> _gradY = [];

    public int Count { get; private set; }

    public FloatPlane this[int level] => _levels[level];

    public FloatPlane GradientX(int level) => _gradX[level];

    public FloatPlane GradientY(int level) => _gradY[level];

    public void Build(ReadOnlySpan<float> image, int width, int height, int levels, bool gradients)
    {
        while (_levels.Count < levels)
        {
            _levels.Add(new FloatPlane());
            _gradX.Add(new FloatPlane());
            _gradY.Add(new FloatPlane());
        }

        Count = levels;
        _levels[0].Resize(width, height);
        image[..(width * height)].CopyTo(_levels[0].Span);
        for (var l = 1; l < levels; l++)
        {
            Reduce(_levels[l - 1], _levels[l]);
        }

        if (gradients)
        {
            for (var l = 0; l < levels; l++)
            {
                Gradients(_levels[l], _gradX[l], _gradY[l]);
            }
        }
    }

    private static void Reduce(FloatPlane source, FloatPlane target)
    {
        int w = source.Width / 2, h = source.Height / 2, sw = source.Width;
        target.Resize(w, h);
        var s = source.Data;
        var t = target.Data;
        for (var y = 0; y < h; y++)
        {
            var top = s.AsSpan(2 * y * sw, 2 * w);
            var bottom = s.AsSpan((2 * y + 1) * sw, 2 * w);
            var row = t.AsSpan(y * w, w);
            for (var x = 0; x < w; x++)
            {
                row[x] = 0.25f * (top[2 * x] + top[2 * x + 1] + bottom[2 * x] + bottom[2 * x + 1]);
            }
        }
    }

    /// <summary>Central differences (one-sided at the border), each row and column difference vectorised.</summary>
    private static void Gradients(FloatPlane image, FloatPlane gx, FloatPlane gy)
    {
        int w = image.Width, h = image.Height;
        gx.Resize(w, h);
        gy.Resize(w, h);
        var p = image.Data;
        for (var y = 0; y < h; y++)
        {
            var row = p.AsSpan(y * w, w);
            var g = gx.Data.AsSpan(y * w, w);
            if (w >= 3)
            {
                TensorPrimitives.Subtract(row[2..], row[..^2], g[1..^1]);
                TensorPrimitives.Multiply(g[1..^1], 0.5f, g[1..^1]);
            }

            g[0] = w > 1 ? row[1] - row[0] : 0;
            g[w - 1] = w > 1 ? row[w - 1] - row[w - 2] : 0;

            var up = p.AsSpan(Math.Max(y - 1, 0) * w, w);
            var down = p.AsSpan(Math.Min(y + 1, h - 1) * w, w);
            var gyRow = gy.Data.AsSpan(y * w, w);
            TensorPrimitives.Subtract(down, up, gyRow);
            if (y > 0 && y < h - 1)
            {
                TensorPrimitives.Multiply(gyRow, 0.5f, gyRow);
            }
        }
    }
}
