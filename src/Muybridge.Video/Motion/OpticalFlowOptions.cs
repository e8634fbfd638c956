namespace Muybridge.Video.Motion;

/// <summary>Settings of <see cref="DenseOpticalFlow"/>. The defaults suit Muybridge frames from 100 to 2000 pixels wide.</summary>
public sealed record OpticalFlowOptions
{
    /// <summary>Side of the square patches that are matched, in pixels; 8 fills one 256-bit vector per row.</summary>
    public int PatchSize { get; init; } = 8;

    /// <summary>Distance between neighbouring patches; smaller is denser and slower. Must not exceed <see cref="PatchSize"/>.</summary>
    public int PatchStride { get; init; } = 4;

    /// <summary>Gauss–Newton iterations per patch and pyramid level.</summary>
    public int Iterations { get; init; } = 16;

    /// <summary>Smoothing passes on the dense field after each level (edge-aware, guided by the first image).</summary>
    public int SmoothingPasses { get; init; } = 3;

    /// <summary>
    /// Pyramid level the search stops at (0 = full resolution, 1 = half, 2 = quarter); the result is upsampled from there.
    /// Stopping early is faster and gives smoother fields on grainy scans.
    /// </summary>
    public int FinestLevel { get; init; } = 1;

    /// <summary>
    /// Fixed-point iterations of the variational refinement after each level (0, the default, turns it off: on Muybridge's
    /// far-apart frames it cost half again the time for no measurable gain in held-out PSNR).
    /// </summary>
    public int RefinementIterations { get; init; }

    /// <summary>Weight of the refinement's smoothness term against brightness constancy; larger gives smoother fields.</summary>
    public float RefinementSmoothness { get; init; } = 5f;

    /// <summary>
    /// Largest motion, as a fraction of the image width, that the global search at the coarsest level looks for. Muybridge's
    /// scanned frames can jump by a tenth of their width.
    /// </summary>
    public float MaxGlobalShift { get; init; } = 0.2f;

    /// <summary>Runs the scalar reference kernels instead of the vectorised ones (for tests and benchmarks).</summary>
    internal bool ScalarReference { get; init; }

    /// <summary>Checks every setting; throws <see cref="OptionOutOfRangeException"/> naming the first one out of range.</summary>
    public void Validate()
    {
        if (PatchSize is < 4 or > 32)
        {
            throw new OptionOutOfRangeException(nameof(PatchSize), PatchSize, "Patch size must be between 4 and 32 pixels.");
        }

        if (PatchStride < 1 || PatchStride > PatchSize)
        {
            throw new OptionOutOfRangeException(nameof(PatchStride), PatchStride, "Patch stride must be between 1 and the patch size.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Iterations, 1, nameof(Iterations));
        ArgumentOutOfRangeException.ThrowIfNegative(SmoothingPasses, nameof(SmoothingPasses));
        if (FinestLevel is < 0 or > 4)
        {
            throw new OptionOutOfRangeException(nameof(FinestLevel), FinestLevel, "The finest level must be between 0 (full resolution) and 4.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(RefinementIterations, nameof(RefinementIterations));
        if (!(RefinementSmoothness > 0))
        {
            throw new OptionOutOfRangeException(nameof(RefinementSmoothness), RefinementSmoothness, "Refinement smoothness must be positive.");
        }
        if (MaxGlobalShift is < 0 or > 0.5f)
        {
            throw new OptionOutOfRangeException(nameof(MaxGlobalShift), MaxGlobalShift, "The global search range must be between 0 and half the width.");
        }
    }
}
