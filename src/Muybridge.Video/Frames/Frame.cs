namespace Muybridge.Video.Frames;

/// <summary>
/// One picture of a sequence: interleaved 8-bit sRGB pixels plus optional planes that stages add
/// (a straight, not premultiplied, 8-bit alpha matte and a float depth map), all rented from a <see cref="FramePool"/>.
/// </summary>
/// <remarks>
/// A frame is owned: whoever takes one from a source or stage disposes it or hands it on.
/// Disposing returns its buffers to the pool; touching a disposed frame throws.
/// </remarks>
public sealed class Frame : IDisposable
{
    private readonly FramePool _pool;
    private byte[]? _rgb;
    private byte[]? _alpha;
    private float[]? _depth;

    private Frame(int width, int height, FramePool pool)
    {
        Width = width;
        Height = height;
        _pool = pool;
        _rgb = pool.RentBytes(width * height * 3);
    }

    internal FramePool Pool => _pool;

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Position in the stream, counted from zero.</summary>
    public int Index { get; set; }

    /// <summary>When the frame is shown, from the start of the stream.</summary>
    public TimeSpan Timestamp { get; set; }

    /// <summary>How long the frame is shown.</summary>
    public TimeSpan Duration { get; set; }

    /// <summary>
    /// How much of the matte the matter's own evidence supports, 0…1, where the matter can tell (the model-free matter
    /// does); null otherwise. A low value marks a frame where a click would help.
    /// </summary>
    public float? MatteConfidence { get; set; }

    /// <summary>Number of pixels.</summary>
    public int PixelCount => Width * Height;

    /// <summary>Interleaved R, G, B bytes, row by row, no padding.</summary>
    public Span<byte> Rgb => Live(_rgb).AsSpan(0, PixelCount * 3);

    internal Memory<byte> RgbMemory => Live(_rgb).AsMemory(0, PixelCount * 3);

    /// <summary>Whether an alpha plane is attached.</summary>
    public bool HasAlpha => _alpha is not null;

    /// <summary>Whether a depth plane is attached.</summary>
    public bool HasDepth => _depth is not null;

    /// <summary>The alpha plane (0 transparent … 255 opaque, straight). Throws if none is attached.</summary>
    public Span<byte> Alpha => (_alpha ?? throw new InvalidOperationException("This frame has no alpha plane; call EnsureAlpha first.")).AsSpan(0, PixelCount);

    /// <summary>The depth plane (larger is nearer, 0 … 1). Throws if none is attached.</summary>
    public Span<float> Depth => (_depth ?? throw new InvalidOperationException("This frame has no depth plane; call EnsureDepth first.")).AsSpan(0, PixelCount);

    /// <summary>Creates a frame of the given size with uninitialised pixels.</summary>
    public static Frame Create(int width, int height, FramePool? pool = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if ((long)width * height * 3 > Array.MaxLength)
        {
            throw new OptionOutOfRangeException(nameof(width), $"A {width}x{height} frame is too large.");
        }

        return new Frame(width, height, pool ?? FramePool.Shared);
    }

    /// <summary>Attaches an alpha plane filled with <paramref name="fill"/> unless one is attached already.</summary>
    public Span<byte> EnsureAlpha(byte fill = 255)
    {
        Live(_rgb);
        if (_alpha is null)
        {
            _alpha = _pool.RentBytes(PixelCount);
            _alpha.AsSpan(0, PixelCount).Fill(fill);
        }

        return Alpha;
    }

    /// <summary>Attaches a depth plane filled with zeros unless one is attached already.</summary>
    public Span<float> EnsureDepth()
    {
        Live(_rgb);
        if (_depth is null)
        {
            _depth = _pool.RentFloats(PixelCount);
            _depth.AsSpan(0, PixelCount).Clear();
        }

        return Depth;
    }

    /// <summary>Detaches and returns the alpha plane, if any.</summary>
    public void RemoveAlpha()
    {
        if (_alpha is not null)
        {
            _pool.Return(_alpha);
            _alpha = null;
        }
    }

    /// <summary>Makes an independent copy (pixels, planes, index and timing) from the same pool.</summary>
    public Frame Clone()
    {
        var copy = new Frame(Width, Height, _pool) { Index = Index, Timestamp = Timestamp, Duration = Duration, MatteConfidence = MatteConfidence };
        Rgb.CopyTo(copy.Rgb);
        if (HasAlpha)
        {
            Alpha.CopyTo(copy.EnsureAlpha());
        }

        if (HasDepth)
        {
            Depth.CopyTo(copy.EnsureDepth());
        }

        return copy;
    }

    /// <summary>Creates an empty frame of the same size, from the same pool, with the same timing.</summary>
    public Frame CreateSibling(int? width = null, int? height = null)
        => new(width ?? Width, height ?? Height, _pool) { Index = Index, Timestamp = Timestamp, Duration = Duration };

    /// <inheritdoc />
    public void Dispose()
    {
        var rgb = Interlocked.Exchange(ref _rgb, null);
        if (rgb is null)
        {
            return;
        }

        _pool.Return(rgb);
        RemoveAlpha();
        if (_depth is not null)
        {
            _pool.Return(_depth);
            _depth = null;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"Frame #{Index} {Width}x{Height} @ {Timestamp.TotalSeconds:0.###}s{(HasAlpha ? " +alpha" : "")}{(HasDepth ? " +depth" : "")}";

    private static byte[] Live(byte[]? buffer) => buffer ?? throw new ObjectDisposedException(nameof(Frame));
}
