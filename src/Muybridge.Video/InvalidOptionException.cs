namespace Muybridge.Video;

/// <summary>
/// An option or argument the library refused for what it is (a span of the wrong length, a file of the wrong kind, a
/// click outside the frame, a model name not in the catalog). A <see cref="MuybridgeException"/>, so a front end catches
/// one type; <see cref="ParamName"/> names what was refused.
/// </summary>
public class InvalidOptionException : MuybridgeException
{
    /// <summary>Creates the exception, naming the parameter or option when there is one.</summary>
    public InvalidOptionException(string message, string? paramName = null, Exception? inner = null) : base(message, inner)
        => ParamName = paramName;

    /// <summary>The parameter or option refused, when known.</summary>
    public string? ParamName { get; }
}
