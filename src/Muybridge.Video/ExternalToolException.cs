namespace Muybridge.Video;

/// <summary>An external program the operation needs (ffmpeg, ffprobe) is missing or failed; the message says which and how to install it.</summary>
public sealed class ExternalToolException : MuybridgeException
{
    /// <summary>Creates the exception.</summary>
    public ExternalToolException(string message, Exception? inner = null) : base(message, inner) { }
}
