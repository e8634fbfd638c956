using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

/// <summary>A generated clip: a bar moving across a grey field; any length, nothing on disk.</summary>
internal sealed class SyntheticSource(int count, int width = 64, int height = 48, FramePool? pool = null) : IFrameSource
{
    public FrameSourceInfo Info { get; } = new(width, height, count, 25, $"{count} synthetic frames");

    public int Produced { get; private set; }

    public async IAsyncEnumerable<Frame> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var frame = Frame.Create(width, height, pool);
            var rgb = frame.Rgb;
            rgb.Fill(100);
            var bar = i % width;
            for (var y = 0; y < height; y++)
            {
                rgb.Slice((y * width + bar) * 3, 3).Fill(250);
            }

            frame.Index = i;
            frame.Duration = TimeSpan.FromSeconds(1 / 25.0);
            frame.Timestamp = frame.Duration * i;
            Produced++;
            yield return frame;
            await Task.Yield();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
