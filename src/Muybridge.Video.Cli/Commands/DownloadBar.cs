using Muybridge.Video.Onnx.Catalog;

namespace Muybridge.Video.Cli.Commands;

/// <summary>A one-line download progress bar on stderr (nothing when stderr is redirected), shared by every command that fetches.</summary>
internal static class DownloadBar
{
    public static IProgress<DownloadProgress> Create() => new Progress<DownloadProgress>(p =>
    {
        if (Console.IsErrorRedirected)
        {
            return;
        }

        var bar = p.TotalBytes is { } total && total > 0 ? $"[{new string('#', (int)(20 * p.Bytes / total)),-20}] " : "";
        Console.Error.Write($"\r{p.FileName}: {bar}{p.Bytes / 1e6:0.0}{(p.TotalBytes is { } all ? $" / {all / 1e6:0.0}" : "")} MB   ");
    });
}
