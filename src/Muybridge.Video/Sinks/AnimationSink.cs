using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;

namespace Muybridge.Video.Sinks;

/// <summary>An animated picture file written in one go when the stream completes: the shared body of <see cref="GifSink"/> and <see cref="WebPSink"/>.</summary>
public abstract class AnimationSink : IFrameSink
{
    private readonly AnimationWriter _writer;

    private protected AnimationSink(string path, AnimationFormat format, AnimationOptions? options)
        => _writer = new AnimationWriter(path, format, options);

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
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _writer.DisposeAsync();
    }
}
