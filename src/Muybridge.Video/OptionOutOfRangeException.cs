namespace Muybridge.Video;

/// <summary>
/// A number the library refused: an option or argument outside its range. It is an <see cref="ArgumentOutOfRangeException"/>
/// whose <see cref="Message"/> is the sentence alone, without .NET's "(Parameter 'x')" and "Actual value was" tails, since
/// it is written for the user who chose the value and already names it.
/// </summary>
public sealed class OptionOutOfRangeException : ArgumentOutOfRangeException
{
    private readonly string _message;

    /// <summary>Creates the exception for <paramref name="paramName"/>, which held <paramref name="actualValue"/>.</summary>
    public OptionOutOfRangeException(string? paramName, object? actualValue, string message) : base(paramName, actualValue, message)
        => _message = message;

    /// <summary>Creates the exception for <paramref name="paramName"/>.</summary>
    public OptionOutOfRangeException(string? paramName, string message) : base(paramName, message)
        => _message = message;

    /// <inheritdoc />
    public override string Message => _message;
}
