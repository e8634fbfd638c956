using Muybridge.Video.Cli;

namespace Muybridge.Video.Tests;

/// <summary>Runs `muybridge` in-process with the console captured (callers sit in the <see cref="ConsoleUsers"/> collection).</summary>
internal static class CliRun
{
    public static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = await MuybridgeCli.RunAsync(args);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}
