using Muybridge.Video.Onnx.Sessions;

namespace Muybridge.Video.Onnx.Upscaling;

/// <summary>Settings of <see cref="RealEsrganUpscaler"/>.</summary>
public sealed record RealEsrganOptions
{
    /// <summary>Output scale: 4 is the model's own; 2 runs it at 4× and halves with Lanczos.</summary>
    public int Scale { get; init; } = 4;

    /// <summary>Side of the input tiles the frame is cut into (memory grows with its square).</summary>
    public int TileSize { get; init; } = 128;

    /// <summary>Context, in input pixels, added around each tile and thrown away after the run, so tiles join without seams.</summary>
    public int TileOverlap { get; init; } = 12;

    /// <summary>Providers and threading for the session.</summary>
    public OnnxSessionOptions Session { get; init; } = OnnxSessionOptions.Cpu;

    internal void Validate()
    {
        if (Scale is not (2 or 4))
        {
            throw new OptionOutOfRangeException(nameof(Scale), Scale, "Real-ESRGAN upscales 2× or 4×.");
        }

        if (TileSize < 16 || TileOverlap < 0 || 2 * TileOverlap >= TileSize)
        {
            throw new OptionOutOfRangeException(nameof(TileSize), $"Tiles must be at least 16 pixels and larger than twice the overlap (tile {TileSize}, overlap {TileOverlap}).");
        }
    }
}
