using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;

namespace Muybridge.Video.Sources;

/// <summary>The frames of an animated GIF or WebP, with the file's own per-frame delays, decoded one page at a time.</summary>
public sealed class AnimatedImageSource : ISeekableFrameSource
{
    private readonly string _path;
    private readonly TimeSpan[] _durations;
    private readonly FramePool _pool;

    private AnimatedImageSource(string path, FrameSourceInfo info, TimeSpan[] durations, FramePool pool)
    {
        _path = path;
        Info = info;
        _durations = durations;
        _pool = pool;
    }

    /// <inheritdoc />
    public FrameSourceInfo Info { get; }

    /// <summary>Reads the header of an animated GIF or WebP.</summary>
    /// <param name="path">The file.</param>
    /// <param name="fallbackFramesPerSecond">Rate used where the file gives no delay (or an unplayably short one).</param>
    /// <param name="pool">Pool for the frames' buffers.</param>
    /// <exception cref="InvalidFrameInputException">The file is missing, not a readable image, or cut short.</exception>
    public static AnimatedImageSource Open(string path, double fallbackFramesPerSecond = 12, FramePool? pool = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fallbackFramesPerSecond);
        if (File.Exists(path))
        {
            AnimationIntegrity.Check(path);
        }

        var header = Codec.Current.ReadHeader(path);
        var fallback = TimeSpan.FromSeconds(1 / fallbackFramesPerSecond);
        var durations = Enumerable.Range(0, header.Pages)
            .Select(i => header.PageDelaysMs is { } d && i < d.Count && d[i] >= 20 ? TimeSpan.FromMilliseconds(d[i]) : fallback)
            .ToArray();
        var mean = durations.Average(d => d.TotalSeconds);
        var info = new FrameSourceInfo(header.Width, header.Height, header.Pages, 1 / mean, $"{header.Pages}-frame animation '{Path.GetFileName(path)}'");
        return new AnimatedImageSource(path, info, durations, pool ?? FramePool.Shared);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Frame> ReadAsync(CancellationToken cancellationToken = default) => ReadFromAsync(0, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ReadFromAsync(int first, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        var time = TimeSpan.Zero;
        for (var i = 0; i < Math.Min(first, _durations.Length); i++)
        {
            time += _durations[i];
        }

        for (var i = first; i < _durations.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = i;
            var frame = await Task.Run(() => Codec.Current.Decode(_path, page, _pool), cancellationToken).ConfigureAwait(false);
            frame.Index = i;
            frame.Timestamp = time;
            frame.Duration = _durations[i];
            time += _durations[i];
            yield return frame;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
