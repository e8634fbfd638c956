namespace Muybridge.Video;

/// <summary>A number the library refused: an option or argument outside its range. <see cref="ActualValue"/> holds it.</summary>
public sealed class OptionOutOfRangeException : InvalidOptionException
{
    /// <summary>Creates the exception for <paramref name="paramName"/>, which held <paramref name="actualValue"/>.</summary>
    public OptionOutOfRangeException(string? paramName, object? actualValue, string message) : base(message, paramName)
        => ActualValue = actualValue;

    /// <summary>Creates the exception for <paramref name="paramName"/>.</summary>
    public OptionOutOfRangeException(string? paramName, string message) : base(message, paramName)
    {
    }

    /// <summary>The refused value, when known.</summary>
    public object? ActualValue { get; }
}
