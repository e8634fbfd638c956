using Muybridge.Video.Frames;

namespace Muybridge.Video.Sinks;

/// <summary>
/// Video with an alpha channel through ffmpeg, for cut-outs that go on into an editor: <c>.webm</c> as VP9 with alpha
/// (yuva420p), <c>.mov</c> as ProRes 4444 (yuva444p10le). Frames without alpha are written opaque. Written to a temporary
/// file and renamed on success, like every sink.
/// </summary>
public sealed class AlphaVideoSink : IFrameSink
{
    private readonly FfmpegEncoder _encoder;
    private readonly double? _framesPerSecond;
    private readonly bool _proRes;
    private byte[] _rgba = [];

    /// <summary>Prepares a <c>.webm</c> (VP9 + alpha) or <c>.mov</c> (ProRes 4444) at <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">Another extension.</exception>
    /// <exception cref="ExternalToolException">ffmpeg is not installed.</exception>
    public AlphaVideoSink(string path, double? framesPerSecond = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".webm" or ".mov"))
        {
            throw new InvalidOptionException($"Video with alpha is written as .webm (VP9) or .mov (ProRes 4444), not '{extension}'.", nameof(path));
        }

        if (framesPerSecond is <= 0)
        {
            throw new OptionOutOfRangeException(nameof(framesPerSecond), "Frames per second must be positive.");
        }

        _proRes = extension == ".mov";
        _framesPerSecond = framesPerSecond;
        _encoder = new FfmpegEncoder(path);
    }

    /// <inheritdoc />
    public string OutputPath => _encoder.FinalPath;

    /// <inheritdoc />
    public async ValueTask WriteAsync(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var copies = _encoder.Admit(frame, _framesPerSecond, Arguments);
        if (_rgba.Length != 4 * frame.PixelCount)
        {
            _rgba = new byte[4 * frame.PixelCount];
        }

        var rgb = frame.Rgb;
        var alpha = frame.HasAlpha ? frame.Alpha : default;
        for (var i = 0; i < frame.PixelCount; i++)
        {
            _rgba[4 * i] = rgb[3 * i];
            _rgba[4 * i + 1] = rgb[3 * i + 1];
            _rgba[4 * i + 2] = rgb[3 * i + 2];
            _rgba[4 * i + 3] = alpha.IsEmpty ? (byte)255 : alpha[i];
        }

        for (var c = 0; c < copies; c++)
        {
            await _encoder.WriteAsync(_rgba, cancellationToken).ConfigureAwait(false);
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

    private string[] Arguments(int width, int height, string rate)
    {
        string[] input = ["-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgba", "-s", $"{width}x{height}", "-framerate", rate, "-i", "-"];
        string[] codec = _proRes
            ? ["-c:v", "prores_ks", "-profile:v", "4444", "-pix_fmt", "yuva444p10le", "-f", "mov"]
            : ["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2:color=black@0", "-c:v", "libvpx-vp9", "-pix_fmt", "yuva420p", "-b:v", "0", "-crf", "24", "-auto-alt-ref", "0", "-row-mt", "1", "-f", "webm"];
        return [.. input, .. codec, _encoder.TemporaryPath];
    }
}
