namespace Muybridge.Video.Registration;

/// <summary>Settings of <see cref="BackdropRegistration"/>.</summary>
public sealed record RegistrationOptions
{
    /// <summary>Largest jump between neighbouring frames, as a fraction of the width, that is searched for.</summary>
    public float MaxShift { get; init; } = 0.2f;

    /// <summary>Jumps smaller than this (pixels) are left alone, so a steady camera's frames are passed through untouched.</summary>
    public float MinShift { get; init; } = 0.25f;

    /// <summary>Checks every setting; throws <see cref="OptionOutOfRangeException"/> naming the first one out of range.</summary>
    public void Validate()
    {
        if (MaxShift is <= 0 or > 0.5f)
        {
            throw new OptionOutOfRangeException(nameof(MaxShift), MaxShift, "MaxShift must be in (0, 0.5].");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MinShift, nameof(MinShift));
    }
}
