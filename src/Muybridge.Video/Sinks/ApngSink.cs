using System.Buffers.Binary;
using System.IO.Hashing;
using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;

namespace Muybridge.Video.Sinks;

/// <summary>
/// Writes an animated PNG: lossless, full 8-bit alpha, streamed frame by frame (each frame is PNG-compressed by the codec
/// and its image data re-wrapped as an APNG frame chunk), so memory stays flat however many frames are written.
/// </summary>
public sealed class ApngSink : IFrameSink
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly PartialOutput _output;
    private readonly AnimationOptions _options;
    private readonly AnimationTimeline _timeline;
    private FileStream? _stream;
    private long _animationControlOffset;
    private byte[]? _header;
    private bool _alpha;
    private int _frames;
    private uint _sequence;

    /// <summary>Prepares an APNG at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The output folder cannot be created or written.</exception>
    public ApngSink(string path, AnimationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _output = PartialOutput.ForFile(path);
        _options = options ?? new AnimationOptions();
        _timeline = new AnimationTimeline(_options, stepMs: 1);
    }

    /// <inheritdoc />
    public string OutputPath => _output.FinalPath;

    /// <inheritdoc />
    public async ValueTask WriteAsync(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        cancellationToken.ThrowIfCancellationRequested();
        var delays = _timeline.Delays(frame).ToArray();
        if (delays.Length == 0)
        {
            return;
        }

        if (_stream is null)
        {
            _alpha = frame.HasAlpha;
            _stream = new FileStream(_output.TemporaryPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true);
        }

        var png = Codec.Current.EncodePng(frame, _alpha, compression: 6);
        var (header, data) = SplitPng(png);
        if (_header is null)
        {
            _header = header;
            await _stream.WriteAsync(Signature, cancellationToken).ConfigureAwait(false);
            await WriteChunkAsync("IHDR", header, cancellationToken).ConfigureAwait(false);
            _animationControlOffset = _stream.Position;
            await WriteChunkAsync("acTL", AnimationControl(0), cancellationToken).ConfigureAwait(false);
        }
        else if (!header.AsSpan().SequenceEqual(_header))
        {
            throw new InvalidFrameInputException($"Frame {frame.Index} is {frame.Width}x{frame.Height} but the APNG '{OutputPath}' is {BinaryPrimitives.ReadInt32BigEndian(_header)}x{BinaryPrimitives.ReadInt32BigEndian(_header.AsSpan(4))}.");
        }

        foreach (var delay in delays)
        {
            await WriteChunkAsync("fcTL", FrameControl(frame.Width, frame.Height, delay), cancellationToken).ConfigureAwait(false);
            if (_frames == 0)
            {
                await WriteChunkAsync("IDAT", data, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var chunk = new byte[data.Length + 4];
                BinaryPrimitives.WriteUInt32BigEndian(chunk, _sequence++);
                data.CopyTo(chunk, 4);
                await WriteChunkAsync("fdAT", chunk, cancellationToken).ConfigureAwait(false);
            }

            _frames++;
        }
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (_stream is null)
        {
            throw new InvalidOperationException($"No frames were written to '{OutputPath}'.");
        }

        await WriteChunkAsync("IEND", [], cancellationToken).ConfigureAwait(false);
        _stream.Position = _animationControlOffset;
        await WriteChunkAsync("acTL", AnimationControl(_frames), cancellationToken).ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _stream = null;
        _output.CommitFile();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
            _stream = null;
        }

        _output.Abort();
    }

    private byte[] AnimationControl(int frames)
    {
        var data = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(data, frames);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), _options.Loop);
        return data;
    }

    private byte[] FrameControl(int width, int height, int delayMs)
    {
        var data = new byte[26];
        BinaryPrimitives.WriteUInt32BigEndian(data, _sequence++);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), width);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(8), height);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(20), (ushort)Math.Min(delayMs, ushort.MaxValue));
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(22), 1000);
        // Offsets (12..19) zero; dispose op 0 (none) and blend op 0 (source): every frame is whole.
        return data;
    }

    private async ValueTask WriteChunkAsync(string type, byte[] data, CancellationToken cancellationToken)
    {
        var head = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, head.AsSpan(4));
        var crc = new Crc32();
        crc.Append(head.AsSpan(4));
        crc.Append(data);
        var tail = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(tail, crc.GetCurrentHashAsUInt32());
        await _stream!.WriteAsync(head, cancellationToken).ConfigureAwait(false);
        await _stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        await _stream.WriteAsync(tail, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the IHDR payload and the concatenated IDAT payloads of a PNG.</summary>
    private static (byte[] Header, byte[] Data) SplitPng(byte[] png)
    {
        byte[]? header = null;
        using var data = new MemoryStream(png.Length);
        var offset = Signature.Length;
        while (offset + 8 <= png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var payload = png.AsSpan(offset + 8, length);
            if (type == "IHDR") header = payload.ToArray();
            else if (type == "IDAT") data.Write(payload);
            offset += 12 + length;
        }

        return (header ?? throw new InvalidOperationException("Codec produced a PNG without IHDR."), data.ToArray());
    }
}
