namespace Muybridge.Video.Onnx.Catalog;

/// <summary>A model could not be fetched or failed its hash check; nothing was left under the final file name.</summary>
public sealed class ModelDownloadException : MuybridgeException
{
    /// <summary>Creates the exception.</summary>
    public ModelDownloadException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
