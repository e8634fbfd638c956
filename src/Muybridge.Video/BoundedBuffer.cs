using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Muybridge.Video.Frames;

namespace Muybridge.Video;

/// <summary>
/// Runs an upstream enumeration on its own task and hands frames over through a bounded channel: the upstream stage works
/// ahead by at most <c>capacity</c> frames, then waits (back-pressure), so stages overlap without memory growing.
/// </summary>
internal static class BoundedBuffer
{
    public static async IAsyncEnumerable<Frame> Decouple(IAsyncEnumerable<Frame> upstream, int capacity, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<Frame>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = Task.Run(() => PumpAsync(upstream, channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var frame))
                {
                    yield return frame;
                }
            }

            await pump.ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await pump.ConfigureAwait(false);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // The consumer stopped early or failed; its own exception is the one that matters.
            }

            while (channel.Reader.TryRead(out var left))
            {
                left.Dispose();
            }
        }
    }

    private static async Task PumpAsync(IAsyncEnumerable<Frame> upstream, ChannelWriter<Frame> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in upstream.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    frame.Dispose();
                    throw;
                }
            }

            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
            throw;
        }
    }
}
