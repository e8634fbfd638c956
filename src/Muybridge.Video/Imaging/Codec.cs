namespace Muybridge.Video.Imaging;

/// <summary>The codec in use. One place to change when another codec adapter is added.</summary>
internal static class Codec
{
    public static IImageCodec Current { get; } = new NetVipsCodec();
}
