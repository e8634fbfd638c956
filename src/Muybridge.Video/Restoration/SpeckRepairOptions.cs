namespace Muybridge.Video.Restoration;

/// <summary>How <see cref="SpeckRepair"/> tells dust and scratches from the picture.</summary>
public sealed record SpeckRepairOptions
{
    /// <summary>
    /// How far (grey levels, 0–255) a pixel must stand out from both motion-compensated neighbours, in the same direction,
    /// to be suspected. Default 40: above film grain and the cameras' exposure differences, below a visible speck.
    /// </summary>
    public float Threshold { get; init; } = 40f;

    /// <summary>
    /// How closely (grey levels) the two neighbours must agree where a pixel is suspected. Where they disagree something moved
    /// or was hidden there, so the difference is the picture, not dirt. Default 24; a spike twice as far from both as they are
    /// from each other counts whatever this says (the flow around a big speck is disturbed by the speck itself).
    /// </summary>
    public float NeighbourAgreement { get; init; } = 24f;

    /// <summary>
    /// The largest speck repaired, as a fraction of the frame's pixels (default 0.0006: 184 pixels at 640×480), never below
    /// 40 pixels however small the frame.
    /// </summary>
    public double MaxSpeckArea { get; init; } = 0.0006;

    /// <summary>The smallest speck repaired, in pixels (default 2: a lone pixel is grain, not dust, at a plate's scale).</summary>
    public int MinSpeckArea { get; init; } = 2;

    /// <summary>
    /// The border left alone, as a fraction of the frame's smaller side (default 0.04). A plate's cut lines move with the
    /// cell, not the backdrop, and registration extends the borders, so the frame's edge is not the picture.
    /// </summary>
    public double EdgeMargin { get; init; } = 0.04;

    /// <summary>
    /// How far (pixels) around where the flow points a neighbour is searched for something as light or dark as the suspect
    /// (default 5). Found: the flow lost a detail that moved (a hoof, a bridle), so the suspect is picture, not dust.
    /// </summary>
    public int MatchRadius { get; init; } = 5;

    /// <summary>
    /// The largest share of a suspect's surrounding ring that may look like the suspect (default 0.05). Dust sits alone on the
    /// picture; a leg the flow lost continues into the rest of the leg, so much of its ring looks like it.
    /// </summary>
    public double MaxRimLikeness { get; init; } = 0.05;

    /// <summary>Checks every setting; throws <see cref="OptionOutOfRangeException"/> naming the first one out of range.</summary>
    public void Validate()
    {
        if (!(Threshold is > 0 and < 255))
        {
            throw new OptionOutOfRangeException(nameof(Threshold), Threshold, "The speck threshold must be between 0 and 255 grey levels.");
        }

        if (!(NeighbourAgreement is > 0 and < 255))
        {
            throw new OptionOutOfRangeException(nameof(NeighbourAgreement), NeighbourAgreement, "The neighbour agreement must be between 0 and 255 grey levels.");
        }

        if (!(MaxSpeckArea is > 0 and <= 0.05))
        {
            throw new OptionOutOfRangeException(nameof(MaxSpeckArea), MaxSpeckArea, "The largest speck must be a fraction of the frame in (0, 0.05].");
        }

        if (MatchRadius is < 0 or > 64)
        {
            throw new OptionOutOfRangeException(nameof(MatchRadius), MatchRadius, "The match radius must be 0 to 64 pixels.");
        }

        if (MinSpeckArea < 1)
        {
            throw new OptionOutOfRangeException(nameof(MinSpeckArea), MinSpeckArea, "The smallest speck must be at least one pixel.");
        }

        if (!(EdgeMargin is >= 0 and < 0.5))
        {
            throw new OptionOutOfRangeException(nameof(EdgeMargin), EdgeMargin, "The edge margin must be a fraction of the frame in [0, 0.5).");
        }

        if (!(MaxRimLikeness is >= 0 and <= 1))
        {
            throw new OptionOutOfRangeException(nameof(MaxRimLikeness), MaxRimLikeness, "The rim likeness must be a fraction in [0, 1].");
        }
    }
}
