using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;

namespace Muybridge.Video.Sinks;

/// <summary>Writes each frame as a PNG (RGBA when the frame has an alpha plane) into a folder: frame_00000.png, frame_00001.png…</summary>
public sealed class PngSequenceSink : IFrameSink
{
    private readonly PartialOutput _output;
    private int _count;

    /// <summary>Prepares a folder of PNG frames; existing frame_*.png files there are replaced on completion.</summary>
    /// <exception cref="IOException">The folder cannot be created or written.</exception>
    public PngSequenceSink(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _output = PartialOutput.ForFolder(folder);
    }

    /// <inheritdoc />
    public string OutputPath => _output.FinalPath;

    /// <inheritdoc />
    public ValueTask WriteAsync(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        cancellationToken.ThrowIfCancellationRequested();
        Codec.Current.WritePng(frame, Path.Combine(_output.TemporaryPath, $"frame_{_count++:D5}.png"), includeAlpha: true);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        _output.CommitFolder("frame_*.png");
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _output.Abort();
        return ValueTask.CompletedTask;
    }
}
