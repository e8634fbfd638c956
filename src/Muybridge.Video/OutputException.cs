namespace Muybridge.Video;

/// <summary>An output that cannot be written (a folder that cannot be made, no permission, a full disk); nothing half-written is left.</summary>
public sealed class OutputException : MuybridgeException
{
    /// <summary>Creates the exception with a one-line message naming the output.</summary>
    public OutputException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
