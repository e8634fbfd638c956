namespace Muybridge.Video.Cli.Commands;

/// <summary>A command line that cannot work as given (options that contradict each other, a value of the wrong shape): exit 2.</summary>
internal sealed class UsageException(string message) : MuybridgeException(message);
