namespace Muybridge.Video.Orleans.Storage;

/// <summary>The shared cluster folder cannot be reached, written or read back.</summary>
public sealed class ClusterStorageException : IOException
{
    /// <summary>Creates the exception.</summary>
    public ClusterStorageException()
    {
    }

    /// <summary>Creates the exception with a one-line message.</summary>
    public ClusterStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ClusterStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
