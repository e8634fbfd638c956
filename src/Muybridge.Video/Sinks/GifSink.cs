using Muybridge.Video.Imaging;

namespace Muybridge.Video.Sinks;

/// <summary>Writes an animated GIF (palette chosen over all frames; 1-bit transparency when frames carry alpha).</summary>
public sealed class GifSink : AnimationSink
{
    /// <summary>Prepares an animated GIF at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The output folder cannot be created or written.</exception>
    public GifSink(string path, AnimationOptions? options = null) : base(path, AnimationFormat.Gif, options) { }
}
