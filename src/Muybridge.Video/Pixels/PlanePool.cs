using System.Buffers;

namespace Muybridge.Video.Pixels;

/// <summary>Rents the working planes a stage needs for one frame (canvases, masks, label maps) and takes them back.</summary>
internal static class PlanePool<T>
{
    // Not ArrayPool<T>.Shared: that one keeps big arrays per thread and per core and trims them at full collections, so a
    // stage whose frames run on changing thread-pool threads misses now and then, and at 640×480 every miss is a dead
    // array on the large-object heap until the next full collection. Over a long clip the heap grew with them (the
    // compositor's 3.7 MB canvas: 42 MiB of them per 200 frames out). This pool never trims, so a clip reuses the same
    // arrays from start to end.
    public static ArrayPool<T> Shared { get; } = ArrayPool<T>.Create(maxArrayLength: 1 << 28, maxArraysPerBucket: 32);
}
