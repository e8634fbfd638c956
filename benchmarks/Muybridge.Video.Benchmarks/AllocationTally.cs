using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Muybridge.Video.Benchmarks;

/// <summary>
/// Tallies the runtime's allocation samples (one about every 100 KB allocated) by heap and type, so a long run shows
/// which arrays are allocated per frame instead of rented: large-object-heap arrays made per frame fragment the heap
/// and make the working set climb.
/// </summary>
internal sealed class AllocationTally : EventListener
{
    private const int AllocationTickEvent = 10;
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, (long Bytes, long LargestObject)> _samples = new();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId != AllocationTickEvent || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        var kind = Payload(eventData, "AllocationKind") is uint k ? k : 0u;
        var heap = kind switch { 1 => "large", 2 => "pinned", _ => "small" };
        var type = Payload(eventData, "TypeName") as string ?? "?";
        var size = Payload(eventData, "ObjectSize") is ulong s ? (long)s : 0;
        var amount = Payload(eventData, "AllocationAmount64") is ulong a ? (long)a : 0;
        _samples.AddOrUpdate($"{heap} {type}", (amount, size), (_, old) => (old.Bytes + amount, Math.Max(old.LargestObject, size)));
    }

    /// <summary>The heap/type pairs that allocated most, most first.</summary>
    public IEnumerable<string> Top(int count) => _samples
        .OrderByDescending(p => p.Value.Bytes)
        .Take(count)
        .Select(p => $"{p.Value.Bytes / 1048576.0,8:0.0} MiB  {p.Key} (largest sampled {p.Value.LargestObject / 1024.0:0} KiB)");

    private static object? Payload(EventWrittenEventArgs e, string name)
    {
        var at = e.PayloadNames!.IndexOf(name);
        return at >= 0 ? e.Payload![at] : null;
    }
}
