namespace Muybridge.Video.Onnx.Sessions;

/// <summary>No requested execution provider could be loaded by the ONNX Runtime native library in use.</summary>
public sealed class ProviderUnavailableException : MuybridgeException
{
    /// <summary>Creates the exception.</summary>
    public ProviderUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
