namespace Muybridge.Video;

/// <summary>
/// The library's own failures that are about the input or the machine, not a bug: unusable input, a missing external
/// tool, a model that does not fit, a provider or a download that is not there. Its message is written for the user, so
/// a front end can catch this one type and print the message as it stands. Bad arguments stay
/// <see cref="ArgumentException"/>s (<see cref="InvalidOptionException"/>, <see cref="OptionOutOfRangeException"/>).
/// </summary>
public abstract class MuybridgeException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected MuybridgeException(string message, Exception? inner = null) : base(message, inner) { }
}
