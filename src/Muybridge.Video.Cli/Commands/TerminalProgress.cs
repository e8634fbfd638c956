namespace Muybridge.Video.Cli.Commands;

/// <summary>One self-overwriting status line on stderr (only when stderr is a terminal, so logs and pipes stay clean).</summary>
internal sealed class TerminalProgress : IProgress<PipelineProgress>
{
    private static bool _drawn;
    private DateTime _last = DateTime.MinValue;

    public void Report(PipelineProgress value)
    {
        if (Console.IsErrorRedirected || (DateTime.UtcNow - _last).TotalMilliseconds < 100)
        {
            return;
        }

        _last = DateTime.UtcNow;
        var rate = value.FramesWritten / Math.Max(0.001, value.Elapsed.TotalSeconds);
        var text = value.Fraction is double f
            ? $"[{new string('#', (int)(f * 30)),-30}] {value.FramesWritten}/{value.EstimatedTotal} frames  {rate:0.0} fps  eta {TimeSpan.FromSeconds((value.EstimatedTotal!.Value - value.FramesWritten) / Math.Max(0.001, rate)):mm\\:ss}"
            : $"{value.FramesWritten} frames  {rate:0.0} fps";
        Console.Error.Write($"\r{text}   ");
        _drawn = true;
    }

    public static void Finish()
    {
        if (_drawn)
        {
            Console.Error.WriteLine();
            _drawn = false;
        }
    }
}
