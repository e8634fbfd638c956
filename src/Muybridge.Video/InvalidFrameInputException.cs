namespace Muybridge.Video;

/// <summary>Input that cannot be used as it is: an unreadable image, frames of different sizes, a plate whose grid cannot be found.</summary>
public sealed class InvalidFrameInputException : MuybridgeException
{
    /// <summary>Creates the exception.</summary>
    public InvalidFrameInputException(string message, Exception? inner = null) : base(message, inner) { }
}
