using Muybridge.Video.Frames;

namespace Muybridge.Video.Imaging;

/// <summary>
/// The one seam between the library and an image library: decoding, encoding and resampling.
/// Everything else works on <see cref="Frame"/> buffers, so swapping NetVips for another codec touches only an implementation of this.
/// </summary>
internal interface IImageCodec
{
    ImageHeader ReadHeader(string path);

    /// <summary>Decodes one page (frame of an animation) into a new frame; alpha is attached when the file has it.</summary>
    Frame Decode(string path, int page, FramePool pool);

    void WritePng(Frame frame, string path, bool includeAlpha);

    byte[] EncodePng(Frame frame, bool includeAlpha, int compression);

    void WriteJpeg(Frame frame, string path, int quality);

    /// <summary>Writes an animation from equally sized RGB or RGBA pages stacked top to bottom.</summary>
    void WriteAnimation(byte[] stackedPages, int width, int pageHeight, int pages, int bands, IReadOnlyList<int> delaysMs, int loop, AnimationFormat format, string path);

    /// <summary>Resizes with a Lanczos3 kernel (alpha, when present, follows the colour).</summary>
    Frame Resize(Frame source, int width, int height);
}
