using System.Buffers;
using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;

namespace Muybridge.Video.Sinks;

/// <summary>
/// Collects the pages of an animated GIF or WebP: libvips encodes the whole animation at once (GIF palettes are chosen
/// over all pages), so pages are kept as packed bytes until completion. Meant for clips, not films: MP4 streams.
/// </summary>
internal sealed class AnimationWriter : IAsyncDisposable
{
    private readonly PartialOutput _output;
    private readonly AnimationFormat _format;
    private readonly AnimationOptions _options;
    private readonly AnimationTimeline _timeline;
    private readonly List<(byte[] Pixels, int Delay)> _pages = [];
    private int _width;
    private int _height;
    private bool _alpha;

    public AnimationWriter(string path, AnimationFormat format, AnimationOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _output = PartialOutput.ForFile(path);
        _format = format;
        _options = options ?? new AnimationOptions();
        _timeline = new AnimationTimeline(_options, stepMs: format == AnimationFormat.Gif ? 10 : 1);
    }

    public string OutputPath => _output.FinalPath;

    public void Add(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (_pages.Count == 0 && _width == 0)
        {
            (_width, _height, _alpha) = (frame.Width, frame.Height, frame.HasAlpha);
        }
        else if (frame.Width != _width || frame.Height != _height)
        {
            throw new InvalidFrameInputException($"Frame {frame.Index} is {frame.Width}x{frame.Height} but the animation '{OutputPath}' is {_width}x{_height}.");
        }

        foreach (var delay in _timeline.Delays(frame))
        {
            var bands = _alpha ? 4 : 3;
            // The shared pool, not PlanePool: pages are held until the whole animation is written, and the shared pool may
            // let them go afterwards instead of keeping a clip's worth for the life of the process.
            var pixels = ArrayPool<byte>.Shared.Rent(frame.PixelCount * bands);
            if (_alpha)
            {
                Interleave.MergeRgba(frame.Rgb, frame.HasAlpha ? frame.Alpha : default, pixels);
            }
            else
            {
                frame.Rgb.CopyTo(pixels);
            }

            _pages.Add((pixels, delay));
        }
    }

    public void Complete()
    {
        if (_pages.Count == 0)
        {
            throw new InvalidOperationException($"No frames were written to '{OutputPath}'.");
        }

        var bands = _alpha ? 4 : 3;
        var pageBytes = _width * _height * bands;
        var stacked = new byte[(long)pageBytes * _pages.Count];
        for (var i = 0; i < _pages.Count; i++)
        {
            _pages[i].Pixels.AsSpan(0, pageBytes).CopyTo(stacked.AsSpan(i * pageBytes, pageBytes));
        }

        Codec.Current.WriteAnimation(stacked, _width, _height, _pages.Count, bands, _pages.Select(p => p.Delay).ToArray(), _options.Loop, _format, _output.TemporaryPath);
        _output.CommitFile();
    }

    public ValueTask DisposeAsync()
    {
        foreach (var page in _pages)
        {
            ArrayPool<byte>.Shared.Return(page.Pixels);
        }

        _pages.Clear();
        _output.Abort();
        return ValueTask.CompletedTask;
    }
}
