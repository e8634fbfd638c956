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

    /// <summary>Whether ffmpeg, which writes MP4, is found on this machine (PATH or MUYBRIDGE_FFMPEG).</summary>
    public static bool IsAvailable
    {
        get
        {
            try
            {
                Ffmpeg.FfmpegTool.Locate("ffmpeg");
                return true;
            }
            catch (ExternalToolException)
            {
                return false;
            }
        }
    }

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
            throw new OptionOutOfRangeException(nameof(options), "Frames per second must be positive.");
        }

        if (!Presets.Contains(_options.Preset))
        {
            throw new InvalidOptionException($"Unknown x264 preset '{_options.Preset}'; use one of {string.Join(", ", Presets)}.", nameof(options));
        }

        _encoder = new FfmpegEncoder(path);
    }

    /// <inheritdoc />
    public string OutputPath => _encoder.FinalPath;

    /// <inheritdoc />
    public async ValueTask WriteAsync(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var copies = _encoder.Admit(frame, _options.FramesPerSecond, Arguments);
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

    private string[] Arguments(int width, int height, string rate) =>
    [
        "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{width}x{height}", "-framerate", rate, "-i", "-",
        "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264", "-preset", _options.Preset, "-crf", _options.Quality.ToString(CultureInfo.InvariantCulture),
        "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", _encoder.TemporaryPath,
    ];
}
