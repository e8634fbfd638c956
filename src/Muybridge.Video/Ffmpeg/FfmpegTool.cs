using System.Diagnostics;
using System.Text;

namespace Muybridge.Video.Ffmpeg;

/// <summary>Finds ffmpeg/ffprobe and starts them with raw frames piped through stdin/stdout.</summary>
/// <remarks>
/// A process pipe rather than FFMpegCore: we only ever stream rawvideo in or out, which is two argument lists,
/// and FFMpegCore's static global options and string pixel formats would be the larger surface.
/// </remarks>
internal static class FfmpegTool
{
    /// <summary>Environment variable naming the folder (or full path) of ffmpeg, for machines where it is not on PATH.</summary>
    public const string PathVariable = "MUYBRIDGE_FFMPEG";

    private const string InstallHint = "Install ffmpeg (Debian/Ubuntu: 'apt-get install ffmpeg'; macOS: 'brew install ffmpeg'; Windows: 'winget install ffmpeg') or set MUYBRIDGE_FFMPEG to its folder.";

    public static string Locate(string tool)
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        var exe = OperatingSystem.IsWindows() ? tool + ".exe" : tool;
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(configured))
        {
            candidates.Add(Directory.Exists(configured) ? Path.Combine(configured, exe) : Path.Combine(Path.GetDirectoryName(configured) ?? "", exe));
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(Path.Combine(dir, exe));
        }

        return candidates.FirstOrDefault(File.Exists)
            ?? throw new ExternalToolException($"'{tool}' was not found on PATH{(string.IsNullOrWhiteSpace(configured) ? "" : $" or in MUYBRIDGE_FFMPEG ('{configured}')")}. It is needed to read and write video. {InstallHint}", toolMissing: true);
    }

    public static Process Start(string tool, IEnumerable<string> arguments, bool redirectInput, bool redirectOutput)
    {
        var info = new ProcessStartInfo(Locate(tool))
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = redirectOutput,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            return Process.Start(info) ?? throw new ExternalToolException($"'{tool}' could not be started. {InstallHint}", toolMissing: true);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ExternalToolException($"'{tool}' could not be started: {e.Message}. {InstallHint}", e, toolMissing: true);
        }
    }

    /// <summary>Collects stderr in the background (keeping the tail) so a full pipe never blocks the tool.</summary>
    public static Task<string> DrainErrorsAsync(Process process)
        => Task.Run(async () =>
        {
            var tail = new StringBuilder();
            while (await process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                tail.AppendLine(line);
                if (tail.Length > 8000)
                {
                    tail.Remove(0, tail.Length - 4000);
                }
            }

            return tail.ToString();
        });

    public static async Task<string> RunToStringAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        using var process = Start(tool, arguments, redirectInput: false, redirectOutput: true);
        var errors = DrainErrorsAsync(process);
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new ExternalToolException($"{tool} failed (exit {process.ExitCode}): {(await errors.ConfigureAwait(false)).Trim()}");
        }

        return output;
    }

    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
