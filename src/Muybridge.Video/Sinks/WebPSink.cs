using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;

namespace Muybridge.Video.Sinks;

/// <summary>Writes an animated WebP (lossy, quality 90; full alpha when frames carry it).</summary>
public sealed class WebPSink : IFrameSink
{
    private readonly AnimationWriter _writer;

    /// <summary>Prepares an animated WebP at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The output folder cannot be created or written.</exception>
    public WebPSink(string path, AnimationOptions? options = null) => _writer = new AnimationWriter(path, AnimationFormat.WebP, options);

    /// <inheritdoc />
    public string OutputPath => _writer.OutputPath;

    /// <inheritdoc />
    public ValueTask WriteAsync(Frame frame, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _writer.Add(frame);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _writer.Complete();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
