namespace Muybridge.Video.Pixels;

/// <summary>Reusable work buffers for stages that run frame after frame (one allocation per size, not per frame).</summary>
internal static class ScratchBuffer
{
    /// <summary>Grows a reusable buffer to at least <paramref name="length"/>; its contents are undefined afterwards.</summary>
    public static void Ensure<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[length];
        }
    }

    /// <summary>
    /// A reusable buffer of exactly <paramref name="length"/> (for masks whose own Length the callers loop over and search),
    /// replaced only when the length changes; its contents are undefined afterwards.
    /// </summary>
    public static T[] Exact<T>(ref T[] buffer, int length)
    {
        if (buffer.Length != length)
        {
            buffer = new T[length];
        }

        return buffer;
    }
}
