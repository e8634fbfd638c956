namespace Muybridge.Video.Cli.Commands;

/// <summary>A command that failed for a reason of its own (a manifest that does not replay, a cluster that does not answer): exit 1.</summary>
internal sealed class CommandException(string message, Exception? inner = null) : MuybridgeException(message, inner);
