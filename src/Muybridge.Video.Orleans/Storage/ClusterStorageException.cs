namespace Muybridge.Video.Orleans.Storage;

/// <summary>The shared cluster folder cannot be reached, written or read back.</summary>
public sealed class ClusterStorageException : MuybridgeException
{
    /// <summary>Creates the exception with a one-line message, and its cause.</summary>
    public ClusterStorageException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
