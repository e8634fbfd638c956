namespace Muybridge.Video;

/// <summary>
/// An argument or option the library refused for what it is rather than its size (a span of the wrong length, a file of
/// the wrong kind). It is an <see cref="ArgumentException"/> whose <see cref="Message"/> is the sentence alone, without
/// .NET's "(Parameter 'x')" tail.
/// </summary>
public sealed class InvalidOptionException : ArgumentException
{
    private readonly string _message;

    /// <summary>Creates the exception, naming the parameter when there is one.</summary>
    public InvalidOptionException(string message, string? paramName = null) : base(message, paramName)
        => _message = message;

    /// <inheritdoc />
    public override string Message => _message;
}
