namespace Muybridge.Video.Orleans.Workers;

/// <summary>
/// How many segments a silo renders at once (each render already uses several cores); the rest of a job's segments
/// placed here wait for a slot rather than slow each other down.
/// </summary>
internal sealed class SegmentSlots(int count) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(count, count);

    public int Count => count;

    public async Task<IDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
