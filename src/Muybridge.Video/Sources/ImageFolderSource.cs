using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;
using Muybridge.Video.Numerics;

namespace Muybridge.Video.Sources;

/// <summary>
/// The image files of a folder in natural order ("2.png" before "10.png"). Frames must share one size unless
/// <see cref="ImageFolderOptions.Fit"/> says how to bring them onto one canvas.
/// </summary>
public sealed class ImageFolderSource : ISeekableFrameSource
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".webp", ".tif", ".tiff", ".bmp", ".gif"];
    private readonly string[] _files;
    private readonly ImageFolderOptions _options;

    private ImageFolderSource(string[] files, FrameSourceInfo info, ImageFolderOptions options)
    {
        _files = files;
        Info = info;
        _options = options;
    }

    /// <inheritdoc />
    public FrameSourceInfo Info { get; }

    /// <summary>The files that will be read, in order.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>Lists and checks the folder's images (headers only; pixels are decoded while streaming).</summary>
    /// <exception cref="InvalidFrameInputException">The folder is missing or empty, an image is unreadable, or sizes differ with <see cref="CanvasFit.Refuse"/>.</exception>
    public static ImageFolderSource Open(string folder, ImageFolderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        options ??= new ImageFolderOptions();
        if (!Directory.Exists(folder))
        {
            throw new InvalidFrameInputException($"Frame folder not found: '{folder}'.");
        }

        var files = Directory.EnumerateFiles(folder)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(NaturalStringComparer.Instance)
            .ToArray();
        if (files.Length == 0)
        {
            throw new InvalidFrameInputException($"Frame folder '{folder}' holds no images ({string.Join(", ", Extensions)}).");
        }

        var sizes = files.Select(f => Codec.Current.ReadHeader(f)).Select(h => (h.Width, h.Height)).ToArray();
        var distinct = sizes.Distinct().ToArray();
        var canvas = sizes[0];
        if (distinct.Length > 1)
        {
            if (options.Fit == CanvasFit.Refuse)
            {
                var listing = string.Join(", ", files.Zip(sizes).Take(12).Select(p => $"{Path.GetFileName(p.First)} {p.Second.Width}x{p.Second.Height}"));
                throw new InvalidFrameInputException(
                    $"Frames in '{folder}' differ in size ({listing}{(files.Length > 12 ? ", …" : "")}). " +
                    $"Pass {nameof(ImageFolderOptions)}.{nameof(ImageFolderOptions.Fit)} = {nameof(CanvasFit)}.{nameof(CanvasFit.Center)} or {nameof(CanvasFit.Stretch)} (CLI: --fit center|stretch) to register them to one canvas.");
            }

            canvas = (Statistics.Median(sizes.Select(s => s.Width)), Statistics.Median(sizes.Select(s => s.Height)));
        }

        var info = new FrameSourceInfo(canvas.Width, canvas.Height, files.Length, options.FramesPerSecond, $"{files.Length} images in '{folder}'");
        return new ImageFolderSource(files, info, options);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Frame> ReadAsync(CancellationToken cancellationToken = default) => ReadFromAsync(0, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ReadFromAsync(int first, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        var period = TimeSpan.FromSeconds(1.0 / Info.FramesPerSecond);
        for (var i = first; i < _files.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var frame = await Task.Run(() => Load(_files[i]), cancellationToken).ConfigureAwait(false);
            frame.Index = i;
            frame.Timestamp = period * i;
            frame.Duration = period;
            yield return frame;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Frame Load(string file)
    {
        var frame = Codec.Current.Decode(file, page: 0, _options.Pool);
        if (frame.Width == Info.Width && frame.Height == Info.Height)
        {
            return frame;
        }

        using (frame)
        {
            return _options.Fit == CanvasFit.Stretch
                ? Codec.Current.Resize(frame, Info.Width, Info.Height)
                : FrameOps.CenterOnCanvas(frame, Info.Width, Info.Height);
        }
    }
}
