using System.CommandLine;
using Muybridge.Video.Cli.Commands;

namespace Muybridge.Video.Cli;

/// <summary>The whole command line, callable in-process (the tests run it as a user would, without a child process).</summary>
internal static class MuybridgeCli
{
    public static RootCommand Create() => new("muybridge: bring Muybridge's photo sequences to life (slice plates, interpolate, depth, colour and style, upscale, matte, composite, restore, write video).")
    {
        RenderCommand.Create(),
        InterpolateCommand.Create(),
        MatteCommand.Create(),
        CompositeCommand.Create(),
        RetimeCommand.Create(),
        UpscaleCommand.Create(),
        StylizeCommand.Create(),
        RestoreCommand.Create(),
        DepthCommand.Create(),
        EvaluateCommand.Create(),
        ProvidersCommand.Create(),
        ModelsCommand.Create(),
        Cluster.ClusterCommand.Create(),
    };

    /// <summary>Runs one command line; returns the exit code README documents (0 done, 1 failed, 2 bad arguments, 130 cancelled).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        // libvips warns on stderr about damaged input it then refuses or reads past; the tool's own one line says what
        // matters, so the decoder's warnings are dropped (errors still come back as exceptions).
        NetVips.Log.SetLogHandler("VIPS", NetVips.Enums.LogLevelFlags.Warning, static (_, _, _) => { });

        // `render --manifest file.json [-o out]` replays a recorded render: the recorded, verified arguments replace these.
        var at = Array.IndexOf(args, "--manifest");
        if (args.Length > 0 && args[0] == "render" && at > 0 && at + 1 < args.Length)
        {
            try
            {
                var rest = args.Where((_, i) => i != 0 && i != at && i != at + 1).ToArray();
                var outputs = new List<string>();
                for (var i = 0; i < rest.Length; i++)
                {
                    if (rest[i] is "-o" or "--output" && i + 1 < rest.Length)
                    {
                        outputs.Add(rest[++i]);
                        continue;
                    }

                    throw new CommandException($"Beside --manifest only -o may be given (where the replay writes), not '{rest[i]}'.");
                }

                args = await RenderManifest.ReplayAsync(args[at + 1], outputs, CancellationToken.None).ConfigureAwait(false);
            }
            catch (MuybridgeException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        }

        // A command line that does not parse prints its errors and the help, and exits 2 (bad arguments) as README promises;
        // System.CommandLine's own code for it is 1, which README keeps for failed runs.
        var parsed = Create().Parse(args);
        var code = await parsed.InvokeAsync().ConfigureAwait(false);
        return parsed.Errors.Count > 0 ? 2 : code;
    }
}
