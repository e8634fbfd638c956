namespace Muybridge.Video.Imaging;

internal enum AnimationFormat
{
    Gif,
    WebP,
}
