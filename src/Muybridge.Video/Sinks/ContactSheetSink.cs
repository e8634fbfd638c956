using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;

namespace Muybridge.Video.Sinks;

/// <summary>
/// Lays frames out as a plate, row by row, and writes one PNG or JPEG. Frames with alpha are shown over a checkerboard.
/// Only the scaled-down thumbnails are kept while streaming.
/// </summary>
public sealed class ContactSheetSink : IFrameSink
{
    private readonly PartialOutput _output;
    private readonly ContactSheetOptions _options;
    private readonly List<Frame> _thumbnails = [];
    private int _seen;

    /// <summary>Prepares a sheet at <paramref name="path"/> (.png, .jpg or .jpeg).</summary>
    /// <exception cref="IOException">The output folder cannot be created or written.</exception>
    public ContactSheetSink(string path, ContactSheetOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".jpg" or ".jpeg"))
        {
            throw new InvalidOptionException($"A contact sheet is written as .png or .jpg, not '{extension}'.", nameof(path));
        }

        _options = options ?? new ContactSheetOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.CellWidth, 8, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Every, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.Gutter, nameof(options));
        _output = PartialOutput.ForFile(path);
    }

    /// <inheritdoc />
    public string OutputPath => _output.FinalPath;

    /// <inheritdoc />
    public ValueTask WriteAsync(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        cancellationToken.ThrowIfCancellationRequested();
        if (_seen++ % _options.Every != 0)
        {
            return ValueTask.CompletedTask;
        }

        var height = Math.Max(1, (int)Math.Round((double)frame.Height * _options.CellWidth / frame.Width));
        var thumbnail = Codec.Current.Resize(frame, _options.CellWidth, height);
        if (thumbnail.HasAlpha)
        {
            FlattenOnCheckerboard(thumbnail);
        }

        _thumbnails.Add(thumbnail);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (_thumbnails.Count == 0)
        {
            throw new InvalidOperationException($"No frames were written to '{OutputPath}'.");
        }

        var count = _thumbnails.Count;
        var columns = _options.Columns ?? Math.Max(1, (int)Math.Ceiling(Math.Sqrt(count * 16.0 / 9 * _thumbnails[0].Height / _thumbnails[0].Width)));
        columns = Math.Min(columns, count);
        var rows = (count + columns - 1) / columns;
        var cellHeight = _thumbnails.Max(t => t.Height);
        var gutter = _options.Gutter;
        var width = gutter + columns * (_options.CellWidth + gutter);
        var height = gutter + rows * (cellHeight + gutter);
        using var sheet = _thumbnails[0].CreateSibling(width, height);
        var pixels = sheet.Rgb;
        var (r, g, b) = _options.Background;
        for (var i = 0; i < pixels.Length; i += 3)
        {
            pixels[i] = r;
            pixels[i + 1] = g;
            pixels[i + 2] = b;
        }

        for (var i = 0; i < count; i++)
        {
            var thumbnail = _thumbnails[i];
            var x0 = gutter + i % columns * (_options.CellWidth + gutter);
            var y0 = gutter + i / columns * (cellHeight + gutter);
            for (var y = 0; y < thumbnail.Height; y++)
            {
                thumbnail.Rgb.Slice(y * thumbnail.Width * 3, thumbnail.Width * 3).CopyTo(pixels.Slice(((y0 + y) * width + x0) * 3));
            }
        }

        if (Path.GetExtension(OutputPath).Equals(".png", StringComparison.OrdinalIgnoreCase))
        {
            Codec.Current.WritePng(sheet, _output.TemporaryPath, includeAlpha: false);
        }
        else
        {
            Codec.Current.WriteJpeg(sheet, _output.TemporaryPath, quality: 92);
        }

        _output.CommitFile();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        foreach (var thumbnail in _thumbnails)
        {
            thumbnail.Dispose();
        }

        _thumbnails.Clear();
        _output.Abort();
        return ValueTask.CompletedTask;
    }

    private static void FlattenOnCheckerboard(Frame frame)
    {
        var rgb = frame.Rgb;
        var alpha = frame.Alpha;
        for (var y = 0; y < frame.Height; y++)
        {
            for (var x = 0; x < frame.Width; x++)
            {
                var i = y * frame.Width + x;
                var check = ((x / 8) + (y / 8)) % 2 == 0 ? 200 : 150;
                var a = alpha[i];
                for (var c = 0; c < 3; c++)
                {
                    rgb[i * 3 + c] = (byte)((rgb[i * 3 + c] * a + check * (255 - a) + 127) / 255);
                }
            }
        }

        frame.RemoveAlpha();
    }
}
