namespace Muybridge.Video.Matting;

/// <summary>Settings of the model-free matter.</summary>
public sealed record SeededMatterOptions
{
    /// <summary>Matte edge softness, in pixels (0 leaves the edge as the segmentation gave it).</summary>
    public double Feather { get; init; } = 1.5;

    /// <summary>Grows (positive) or shrinks (negative) the matte by this many working pixels before feathering.</summary>
    public int Grow { get; init; }

    /// <summary>Fill holes inside the subject (a gap between legs that touches the border stays open).</summary>
    public bool FillHoles { get; init; } = true;

    /// <summary>Longest side of the image the segmentation runs on; larger is slower and finer.</summary>
    public int WorkingSize { get; init; } = 480;

    /// <summary>
    /// Frames around each frame (half before, half after) from which the backdrop behind the subject is estimated per
    /// pixel; 0 leaves the matter to its colour models alone. The matter then reads half this many frames ahead.
    /// </summary>
    public int BackdropFrames { get; init; } = 24;

    /// <summary>0…1: how much of the previous frame's matte is kept where the image did not change (see <see cref="MatteRefinementOptions.TemporalSmoothing"/>).</summary>
    public float TemporalSmoothing { get; init; }

    /// <summary>The clip loops: temporal smoothing starts from the clip's end (see <see cref="MatteRefinementOptions.Loop"/>).</summary>
    public bool Loop { get; init; }

    /// <summary>
    /// Cut a ground band the matte ends in: rows under the legs far wider than them (a ground strip, a foot board, a
    /// shadow), or a matte that ends along the frame's bottom edge across most of its width, keeping a hoof's height under
    /// the legs. On by default; a render recipe that measures the ground speed reads the hooves before the cut
    /// (<see cref="GroundBandCut"/>), since on a plate whose hooves stand in a dark strip fewer of them show after it.
    /// </summary>
    public bool CutGroundBand { get; init; } = true;
}
