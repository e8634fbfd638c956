namespace Muybridge.Video;

/// <summary>
/// The base of the library's own failures, the ones about the input, the options or the machine rather than a bug:
/// unusable input, a refused option (<see cref="InvalidOptionException"/>, <see cref="OptionOutOfRangeException"/>), a
/// missing external tool, a model that does not fit, a provider or a download that is not there, an output that cannot
/// be written. Its message is written for the user, so a front end catches this one type and prints the message as it
/// stands; anything else that escapes is a bug. (.NET's own argument guards, for nulls and negative sizes a caller should
/// never pass, stay <see cref="ArgumentException"/>s.)
/// </summary>
public abstract class MuybridgeException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected MuybridgeException(string message, Exception? inner = null) : base(message, inner) { }
}
