using Muybridge.Video.Imaging;

namespace Muybridge.Video.Sinks;

/// <summary>Writes an animated WebP (lossy, quality 90; full alpha when frames carry it).</summary>
public sealed class WebPSink : AnimationSink
{
    /// <summary>Prepares an animated WebP at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The output folder cannot be created or written.</exception>
    public WebPSink(string path, AnimationOptions? options = null) : base(path, AnimationFormat.WebP, options) { }
}
