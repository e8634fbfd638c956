using Muybridge.Video.Sinks;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Cli.Commands;

/// <summary>Runs a pipeline to the requested outputs with terminal progress, and turns known failures into one clear line.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(Func<CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        try
        {
            await body(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled: no output was written.").ConfigureAwait(false);
            return 130;
        }
        catch (MuybridgeException e)
        {
            // The library's and the tool's own failures: a message written for the user; refused options exit 2.
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return e is UsageException or InvalidOptionException ? 2 : 1;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // A path on the command line that is not there (a model file, a data folder): the input's fault, and the
            // library's message names the path.
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The last resort: one line, never a stack trace; this is a fault of ours, not of the input.
            await Console.Error.WriteLineAsync($"error: {e.GetType().Name}: {e.Message} (this looks like a bug in muybridge; please report it with the command line)").ConfigureAwait(false);
            return 1;
        }
    }

    public static async Task WriteAsync(Pipeline pipeline, string[] outputs, string? contactSheet, double? fps, CancellationToken cancellationToken)
    {
        var sinks = new List<IFrameSink>();
        using var locked = OutputLock.Acquire(contactSheet is null ? outputs : [.. outputs, contactSheet]);
        try
        {
            sinks.AddRange(outputs.Select(o => FrameSinks.ForPath(o, fps)));
            if (contactSheet is not null)
            {
                sinks.Add(new ContactSheetSink(contactSheet));
            }

            var result = await pipeline.WriteAsync(sinks, new TerminalProgress(), cancellationToken).ConfigureAwait(false);
            TerminalProgress.Finish();
            Console.WriteLine($"wrote {result.FramesWritten} frames of {result.Width}x{result.Height} ({result.Duration.TotalSeconds:0.##} s of video) in {result.Elapsed.TotalSeconds:0.0} s:");
            foreach (var output in result.Outputs)
            {
                Console.WriteLine($"  {output}");
            }
        }
        finally
        {
            TerminalProgress.Finish();
            foreach (var sink in sinks)
            {
                await sink.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public static async Task<IFrameSource> OpenAsync(string input, string? plate, CanvasFit fit, double inputFps, bool keepFrameNumbers, CancellationToken cancellationToken)
    {
        var source = await FrameSources.OpenAsync(input, CommonOptions.ParseGrid(plate), inputFps, fit, keepFrameNumbers, cancellationToken).ConfigureAwait(false);
        if (source is PlateSource { FrameNumbersErased: > 0 } sheet)
        {
            Console.WriteLine($"painted out the printed frame numbers on {sheet.FrameNumbersErased} of {sheet.Info.FrameCount} frames (--keep-frame-numbers leaves them)");
        }

        return source;
    }
}
