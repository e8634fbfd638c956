namespace Muybridge.Video.Sinks;

/// <summary>Picks a sink from an output path: .mp4, .webm/.mov (with alpha), .gif, .webp, .apng (or .png with <c>animatedPng</c>), or a folder of PNG frames.</summary>
public static class FrameSinks
{
    /// <summary>Creates the sink an output path asks for; a path without an extension is a folder of PNG frames.</summary>
    /// <param name="path">Output file or folder.</param>
    /// <param name="framesPerSecond">Constant output rate; null keeps the frames' own timing (MP4 then uses the first frame's).</param>
    /// <param name="loop">Times an animation plays; 0 loops forever.</param>
    /// <exception cref="ArgumentException">The extension is not one the library writes.</exception>
    public static IFrameSink ForPath(string path, double? framesPerSecond = null, int loop = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var animation = new AnimationOptions { FramesPerSecond = framesPerSecond, Loop = loop };
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".mp4" or ".m4v" => new Mp4Sink(path, new Mp4Options { FramesPerSecond = framesPerSecond }),
            ".webm" or ".mov" => new AlphaVideoSink(path, framesPerSecond),
            ".gif" => new GifSink(path, animation),
            ".webp" => new WebPSink(path, animation),
            ".apng" => new ApngSink(path, animation),
            "" => new PngSequenceSink(path),
            var other => throw new InvalidOptionException(
                $"Cannot write '{other}' output ('{path}'): use .mp4, .webm, .mov, .gif, .webp, .apng, or a folder name (no extension) for PNG frames.", nameof(path)),
        };
    }
}
