using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Muybridge.Video.Ffmpeg;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Sources;

/// <summary>The frames of a video file (MP4, MOV, WebM, AVI, APNG…) decoded by ffmpeg and streamed as raw RGB through a pipe.</summary>
public sealed class VideoFileSource : IFrameSource
{
    private readonly string _path;
    private readonly FramePool _pool;

    private VideoFileSource(string path, FrameSourceInfo info, FramePool pool)
    {
        _path = path;
        Info = info;
        _pool = pool;
    }

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
                ["-v", "error", "-select_streams", "v:0", "-count_packets", "-show_entries", "stream=width,height,avg_frame_rate,r_frame_rate,nb_read_packets", "-of", "json", path],
                cancellationToken).ConfigureAwait(false);
        }
        catch (ExternalToolException e) when (!e.Message.Contains("not found", StringComparison.Ordinal))
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
        var info = new FrameSourceInfo(width, height, count, fps, $"video '{Path.GetFileName(path)}' ({width}x{height} @ {fps:0.##} fps)");
        return new VideoFileSource(path, info, pool ?? FramePool.Shared);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var process = FfmpegTool.Start("ffmpeg", ["-v", "error", "-nostdin", "-i", _path, "-map", "0:v:0", "-vsync", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], redirectInput: false, redirectOutput: true);
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
                    read = await ReadFullyAsync(output, frame, cancellationToken).ConfigureAwait(false);
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

                if (read < frame.Rgb.Length)
                {
                    frame.Dispose();
                    throw new InvalidFrameInputException($"Video '{_path}' ended inside frame {index} (truncated file?).");
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

    private static async Task<int> ReadFullyAsync(Stream stream, Frame frame, CancellationToken cancellationToken)
    {
        var total = frame.Rgb.Length;
        var buffer = frame.RgbMemory;
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
