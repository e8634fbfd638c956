using System.Buffers.Binary;

namespace Muybridge.Video.Sources;

/// <summary>
/// Whether an animated GIF or WebP file is whole. The decoder reads a GIF cut short as fewer frames without a word (a
/// buffalo GIF cut at 113,521 bytes read as 9 of its 16 frames), so the container's own end is checked: a GIF ends with
/// its trailer byte, a WebP's RIFF header gives its length.
/// </summary>
internal static class AnimationIntegrity
{
    /// <exception cref="InvalidFrameInputException">The file ends before its container says it does.</exception>
    public static void Check(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[12];
        if (file.Length < head.Length || file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length)
        {
            return;
        }

        if (head[..3].SequenceEqual("GIF"u8))
        {
            file.Seek(-1, SeekOrigin.End);
            if (file.ReadByte() != 0x3B)
            {
                throw new InvalidFrameInputException($"'{Path.GetFileName(path)}' is cut short: a GIF ends with a trailer byte and this one does not ({file.Length:N0} bytes), so frames are missing. Use the whole file.");
            }
        }
        else if (head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            var declared = BinaryPrimitives.ReadUInt32LittleEndian(head[4..8]) + 8L;
            if (file.Length < declared)
            {
                throw new InvalidFrameInputException($"'{Path.GetFileName(path)}' is cut short: its header says {declared:N0} bytes and it has {file.Length:N0}, so frames are missing. Use the whole file.");
            }
        }
    }
}
