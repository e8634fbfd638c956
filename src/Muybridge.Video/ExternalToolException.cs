namespace Muybridge.Video;

/// <summary>An external program the operation needs (ffmpeg, ffprobe) is missing or failed; the message says which and how to install it.</summary>
public sealed class ExternalToolException : MuybridgeException
{
    /// <summary>Creates the exception; <paramref name="toolMissing"/> when the program is not installed at all.</summary>
    public ExternalToolException(string message, Exception? inner = null, bool toolMissing = false) : base(message, inner)
        => ToolMissing = toolMissing;

    /// <summary>The program is not installed (rather than installed and failing on this input).</summary>
    public bool ToolMissing { get; }
}
