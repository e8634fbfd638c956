using System.CommandLine;
using Muybridge.Video.Onnx.Providers;
using Muybridge.Video.Onnx.Sessions;

namespace Muybridge.Video.Cli.Commands;

/// <summary><c>muybridge providers</c>: which ONNX Runtime execution providers this machine's native library offers.</summary>
internal static class ProvidersCommand
{
    public static Command Create()
    {
        var command = new Command("providers", "List the ONNX Runtime execution providers available on this machine.");
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(_ =>
        {
            var available = OnnxRuntimeInfo.AvailableProviders();
            foreach (var provider in Enum.GetValues<ExecutionProvider>())
            {
                var name = OnnxProviderNames.NativeName(provider);
                var present = available.Contains(name);
                Console.WriteLine($"{(present ? "yes" : "no "),-4} {provider,-10} {name,-28} {(present ? "" : "needs " + OnnxProviderNames.Package(provider))}");
            }

            var unknown = available.Where(a => !Enum.GetValues<ExecutionProvider>().Any(p => OnnxProviderNames.NativeName(p) == a)).ToList();
            if (unknown.Count > 0)
            {
                Console.WriteLine($"also in the native library: {string.Join(", ", unknown)}");
            }

            return Task.CompletedTask;
        }, cancellationToken));
        return command;
    }
}
