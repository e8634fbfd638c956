using System.Globalization;
using Muybridge.Video.Ffmpeg;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Sinks;

/// <summary>
/// Writes H.264 MP4 through ffmpeg, streaming raw RGB frames into its stdin (yuv420p, odd sizes padded by one pixel,
/// faststart). ffmpeg must be installed; its absence is reported when the first frame arrives, with how to install it.
/// </summary>
public sealed class Mp4Sink : IFrameSink
{
    private static readonly string[] Presets = ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"];
    private readonly FfmpegEncoder _encoder;
    private readonly Mp4Options _options;
    private double _fps;
    private int _width;
    private int _height;

    /// <summary>Prepares an MP4 at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The output folder cannot be created or written.</exception>
    public Mp4Sink(string path, Mp4Options? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _options = options ?? new Mp4Options();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.Quality, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.Quality, 51, nameof(options));
        if (_options.FramesPerSecond is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Frames per second must be positive.");
        }

        if (!Presets.Contains(_options.Preset))
        {
            throw new ArgumentException($"Unknown x264 preset '{_options.Preset}'; use one of {string.Join(", ", Presets)}.", nameof(options));
        }

        _encoder = new FfmpegEncoder(path);
    }

    /// <inheritdoc />
    public string OutputPath => _encoder.FinalPath;

    /// <inheritdoc />
    public async ValueTask WriteAsync(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!_encoder.Started)
        {
            Start(frame);
        }
        else if (frame.Width != _width || frame.Height != _height)
        {
            throw new InvalidFrameInputException($"Frame {frame.Index} is {frame.Width}x{frame.Height} but the video '{OutputPath}' is {_width}x{_height}.");
        }

        var copies = FrameRateConverter.TicksCovered(frame, _fps);
        for (var i = 0; i < copies; i++)
        {
            await _encoder.WriteAsync(frame.RgbMemory, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(CancellationToken cancellationToken) => _encoder.CompleteAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _encoder.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Start(Frame first)
    {
        (_width, _height) = (first.Width, first.Height);
        _fps = _options.FramesPerSecond ?? (first.Duration > TimeSpan.Zero ? 1 / first.Duration.TotalSeconds : 25);
        var rate = _fps.ToString("0.######", CultureInfo.InvariantCulture);
        _encoder.Start(
        [
            "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{_width}x{_height}", "-framerate", rate, "-i", "-",
            "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264", "-preset", _options.Preset, "-crf", _options.Quality.ToString(CultureInfo.InvariantCulture),
            "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", _encoder.TemporaryPath,
        ]);
    }
}
