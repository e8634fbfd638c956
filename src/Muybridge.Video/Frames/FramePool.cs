using System.Buffers;

namespace Muybridge.Video.Frames;

/// <summary>
/// Rents the pixel, alpha and depth buffers that frames are made of, and counts what is out,
/// so a test can prove that a pipeline returned every buffer it took.
/// </summary>
public sealed class FramePool
{
    private readonly ArrayPool<byte> _bytes;
    private readonly ArrayPool<float> _floats;
    private long _outstanding;
    private long _peakOutstanding;

    /// <summary>Creates a pool of its own (useful to count one run's buffers in isolation).</summary>
    public FramePool()
    {
        // Frames reach tens of megabytes (4K RGB); the shared pools would drop arrays that large.
        _bytes = ArrayPool<byte>.Create(maxArrayLength: 1 << 28, maxArraysPerBucket: 64);
        _floats = ArrayPool<float>.Create(maxArrayLength: 1 << 26, maxArraysPerBucket: 64);
    }

    /// <summary>The pool frames use unless told otherwise.</summary>
    public static FramePool Shared { get; } = new();

    /// <summary>Buffers rented and not yet returned.</summary>
    public long Outstanding => Interlocked.Read(ref _outstanding);

    /// <summary>The most buffers out at once so far: what the pool may keep for reuse, so what memory levels off at.</summary>
    public long PeakOutstanding => Interlocked.Read(ref _peakOutstanding);

    internal byte[] RentBytes(int length)
    {
        var array = _bytes.Rent(length);
        CountOut();
        return array;
    }

    internal float[] RentFloats(int length)
    {
        var array = _floats.Rent(length);
        CountOut();
        return array;
    }

    internal void Return(byte[] array)
    {
        _bytes.Return(array);
        Interlocked.Decrement(ref _outstanding);
    }

    internal void Return(float[] array)
    {
        _floats.Return(array);
        Interlocked.Decrement(ref _outstanding);
    }

    private void CountOut()
    {
        var now = Interlocked.Increment(ref _outstanding);
        var peak = Interlocked.Read(ref _peakOutstanding);
        while (now > peak && Interlocked.CompareExchange(ref _peakOutstanding, now, peak) != peak)
        {
            peak = Interlocked.Read(ref _peakOutstanding);
        }
    }
}
