namespace Muybridge.Video.Matting;

/// <summary>
/// The bookkeeping of a ring of frames that backdrop estimates read: frame <c>i</c> of the stream lives in slot
/// <c>i % capacity</c> until the frame <c>capacity</c> later takes it over, and asking for a frame that has left is an error.
/// </summary>
internal sealed class WindowSlots
{
    private readonly long[] _indices;
    private long _next;

    public WindowSlots(int capacity)
    {
        _indices = new long[capacity];
        Array.Fill(_indices, -1);
    }

    /// <summary>Frames added so far.</summary>
    public long Count => _next;

    /// <summary>Takes the slot for the next frame of the stream; returns it with the frame's index.</summary>
    public (int Slot, long Index) Next()
    {
        var slot = (int)(_next % _indices.Length);
        _indices[slot] = _next;
        return (slot, _next++);
    }

    /// <summary>The slot of frame <paramref name="index"/>, which must still be held.</summary>
    public int Slot(long index)
    {
        var slot = (int)(index % _indices.Length);
        if (_indices[slot] != index)
        {
            throw new InvalidOperationException($"Frame {index} has left the backdrop window.");
        }

        return slot;
    }
}
