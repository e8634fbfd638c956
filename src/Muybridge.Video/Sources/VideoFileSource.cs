using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Muybridge.Video.Ffmpeg;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Sources;

/// <summary>
/// The frames of a video file (MP4, MOV, WebM, AVI, APNG…) decoded by ffmpeg and streamed as raw pixels through a pipe.
/// Video with alpha (VP9/VP8 WebM with alpha, ProRes 4444, PNG/QuickTime RLE with alpha…) gives frames with an alpha plane.
/// </summary>
public sealed class VideoFileSource : IFrameSource
{
    private readonly string _path;
    private readonly FramePool _pool;
    private readonly bool _alpha;
    private readonly string? _decoder;

    private VideoFileSource(string path, FrameSourceInfo info, FramePool pool, bool alpha, string? decoder)
    {
        _path = path;
        Info = info;
        _pool = pool;
        _alpha = alpha;
        _decoder = decoder;
    }

    /// <summary>Whether the video carries an alpha channel (frames then have an alpha plane).</summary>
    public bool HasAlpha => _alpha;

    /// <inheritdoc />
    public FrameSourceInfo Info { get; }

    /// <summary>Probes a video file with ffprobe.</summary>
    /// <exception cref="ExternalToolException">ffmpeg/ffprobe is not installed.</exception>
    /// <exception cref="InvalidFrameInputException">The file is missing or has no video stream.</exception>
    public static async Task<VideoFileSource> OpenAsync(string path, FramePool? pool = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new InvalidFrameInputException($"Video file not found: '{path}'.");
        }

        string json;
        try
        {
            json = await FfmpegTool.RunToStringAsync("ffprobe",
                ["-v", "error", "-select_streams", "v:0", "-count_packets", "-show_entries", "stream=width,height,avg_frame_rate,r_frame_rate,nb_read_packets,codec_name,pix_fmt:stream_tags=alpha_mode", "-of", "json", path],
                cancellationToken).ConfigureAwait(false);
        }
        catch (ExternalToolException e) when (!e.ToolMissing)
        {
            throw new InvalidFrameInputException($"Cannot read video '{path}': {e.Message}", e);
        }

        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("streams", out var streams) || streams.GetArrayLength() == 0)
        {
            throw new InvalidFrameInputException($"'{path}' has no video stream.");
        }

        var stream = streams[0];
        var width = stream.GetProperty("width").GetInt32();
        var height = stream.GetProperty("height").GetInt32();
        var fps = ParseRate(stream, "avg_frame_rate") ?? ParseRate(stream, "r_frame_rate") ?? 25;
        int? count = stream.TryGetProperty("nb_read_packets", out var n) && int.TryParse(n.GetString(), CultureInfo.InvariantCulture, out var c) ? c : null;
        var codec = stream.TryGetProperty("codec_name", out var name) ? name.GetString() : null;
        var pixels = stream.TryGetProperty("pix_fmt", out var format) ? format.GetString() ?? "" : "";
        var alphaTag = stream.TryGetProperty("tags", out var tags) && tags.TryGetProperty("alpha_mode", out var mode) && mode.GetString() == "1";
        var alpha = alphaTag || pixels.Contains("yuva", StringComparison.Ordinal) || pixels.Contains("rgba", StringComparison.Ordinal) || pixels.Contains("argb", StringComparison.Ordinal) || pixels.Contains("bgra", StringComparison.Ordinal) || pixels.StartsWith("ya", StringComparison.Ordinal);

        // ffmpeg's own VP8/VP9 decoders drop the alpha that WebM keeps beside the picture; libvpx's keep it.
        var decoder = alphaTag ? codec switch { "vp9" => "libvpx-vp9", "vp8" => "libvpx", _ => null } : null;
        var info = new FrameSourceInfo(width, height, count, fps, $"video '{Path.GetFileName(path)}' ({width}x{height} @ {fps:0.##} fps{(alpha ? ", alpha" : "")})");
        return new VideoFileSource(path, info, pool ?? FramePool.Shared, alpha, decoder);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string[] decode = _decoder is null ? [] : ["-c:v", _decoder];
        using var process = FfmpegTool.Start("ffmpeg", ["-v", "error", "-nostdin", .. decode, "-i", _path, "-map", "0:v:0", "-vsync", "passthrough", "-f", "rawvideo", "-pix_fmt", _alpha ? "rgba" : "rgb24", "-"], redirectInput: false, redirectOutput: true);
        var rgba = _alpha ? new byte[4 * Info.Width * Info.Height] : null;
        var errors = FfmpegTool.DrainErrorsAsync(process);
        var period = TimeSpan.FromSeconds(1 / Info.FramesPerSecond);
        var output = process.StandardOutput.BaseStream;
        var index = 0;
        try
        {
            while (true)
            {
                var frame = Frame.Create(Info.Width, Info.Height, _pool);
                int read;
                try
                {
                    read = rgba is null
                        ? await ReadFullyAsync(output, frame.RgbMemory, cancellationToken).ConfigureAwait(false)
                        : await ReadFullyAsync(output, rgba, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    frame.Dispose();
                    throw;
                }

                if (read == 0)
                {
                    frame.Dispose();
                    break;
                }

                if (read < (rgba?.Length ?? frame.Rgb.Length))
                {
                    frame.Dispose();
                    throw new InvalidFrameInputException($"Video '{_path}' ended inside frame {index} (truncated file?).");
                }

                if (rgba is not null)
                {
                    Split(rgba, frame);
                }

                frame.Index = index;
                frame.Timestamp = period * index;
                frame.Duration = period;
                index++;
                yield return frame;
            }

            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0 || index == 0)
            {
                throw new InvalidFrameInputException($"ffmpeg could not decode '{_path}': {(await errors.ConfigureAwait(false)).Trim()}");
            }
        }
        finally
        {
            FfmpegTool.Kill(process);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static void Split(byte[] rgba, Frame frame)
    {
        var rgb = frame.Rgb;
        var alpha = frame.EnsureAlpha();
        for (var i = 0; i < frame.PixelCount; i++)
        {
            rgb[3 * i] = rgba[4 * i];
            rgb[3 * i + 1] = rgba[4 * i + 1];
            rgb[3 * i + 2] = rgba[4 * i + 2];
            alpha[i] = rgba[4 * i + 3];
        }
    }

    private static async Task<int> ReadFullyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = buffer.Length;
        var read = 0;
        while (read < total)
        {
            var n = await stream.ReadAsync(buffer[read..total], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read;
    }

    private static double? ParseRate(JsonElement stream, string name)
    {
        if (!stream.TryGetProperty(name, out var value) || value.GetString() is not { } text)
        {
            return null;
        }

        var parts = text.Split('/');
        if (parts.Length == 2 && double.TryParse(parts[0], CultureInfo.InvariantCulture, out var num) && double.TryParse(parts[1], CultureInfo.InvariantCulture, out var den) && num > 0 && den > 0)
        {
            return num / den;
        }

        return null;
    }
}
