namespace Muybridge.Video.Motion;

internal static class ScratchBuffer
{
    /// <summary>Grows a reusable buffer to at least <paramref name="length"/>; its contents are undefined afterwards.</summary>
    public static void Ensure(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new float[length];
        }
    }
}
