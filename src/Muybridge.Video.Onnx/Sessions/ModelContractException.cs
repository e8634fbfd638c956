namespace Muybridge.Video.Onnx.Sessions;

/// <summary>A model file's inputs or outputs are not the ones the adapter it was given to expects.</summary>
public sealed class ModelContractException : MuybridgeException
{
    /// <summary>Creates the exception.</summary>
    public ModelContractException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
