namespace Muybridge.Video.Matting;

/// <summary>Settings of <see cref="HairSoftener"/>.</summary>
public sealed record HairSofteningOptions
{
    /// <summary>
    /// Parts of the matte narrower than this share of the frame height count as thin (a tail, a mane, a lower leg); the
    /// body and the neck are far wider. Also the radius of the softening blur.
    /// </summary>
    public double ThinFraction { get; init; } = 0.008;

    /// <summary>0…1: how far a thin, moving part's edge goes toward its blurred self (1 = all the way).</summary>
    public float Strength { get; init; } = 0.7f;

    /// <summary>Checks every setting; throws <see cref="OptionOutOfRangeException"/> naming the first one out of range.</summary>
    public void Validate()
    {
        if (!double.IsFinite(ThinFraction) || ThinFraction is <= 0 or > 0.2)
        {
            throw new OptionOutOfRangeException(nameof(ThinFraction), ThinFraction, "ThinFraction is a share of the frame height above 0 and at most 0.2.");
        }

        if (!float.IsFinite(Strength) || Strength is < 0 or > 1)
        {
            throw new OptionOutOfRangeException(nameof(Strength), Strength, "Strength is between 0 and 1.");
        }
    }
}
