namespace Muybridge.Video.Compositing;

/// <summary>The ground speed read from a subject's planted feet (see <see cref="GroundSpeed"/>).</summary>
/// <param name="PixelsPerFrame">Median motion of the ground between frames, in the frames' pixels (negative: leftwards, under a subject running right).</param>
/// <param name="PixelsPerSecond">The same by the frames' timestamps (NaN when they carry no timing).</param>
/// <param name="GroundRow">The ground line the feet were looked for on.</param>
/// <param name="Steps">Every planted hoof followed from one frame to the next.</param>
/// <param name="AgreeingSteps">How many steps agree with the speed given (hooves and, where they were heard, the ground's texture; or the hoof contacts of <see cref="ConsensusSteps"/>).</param>
public sealed record GroundSpeedMeasurement(double PixelsPerFrame, double PixelsPerSecond, int GroundRow, IReadOnlyList<GroundStep> Steps, int AgreeingSteps)
{
    /// <summary>Height of the frames measured on, in pixels (what <see cref="PixelsPerFrame"/> is counted in).</summary>
    public int FrameHeight { get; init; }

    /// <summary>
    /// The ground's own steps, one per pair of frames, read from its texture beside the feet; measured only when the
    /// planted hooves disagree or none is found (empty otherwise), and then voting with them.
    /// </summary>
    public IReadOnlyList<GroundStep> TextureSteps { get; init; } = [];

    /// <summary>
    /// The hooves whose best matches meet at the shift their summed correlations share, when no two sure steps agreed
    /// (each match may be under <see cref="GroundSpeed.MinimumMatch"/>); the speed is then theirs. Empty otherwise.
    /// </summary>
    public IReadOnlyList<GroundStep> ConsensusSteps { get; init; } = [];

    /// <summary>
    /// The <see cref="ScrollingBackground"/> speed (output pixels per second, positive scrolls leftwards) that keeps the
    /// hooves still on the ground when the subject is drawn <paramref name="scale"/> times its size and played
    /// <paramref name="speed"/> times as fast.
    /// </summary>
    public double ScrollSpeed(double scale = 1, double speed = 1) => -PixelsPerSecond * scale * speed;
}
