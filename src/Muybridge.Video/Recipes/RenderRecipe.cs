using Muybridge.Video.Sources;

namespace Muybridge.Video.Recipes;

/// <summary>
/// The whole chain of a render in one record: what each step uses and, where order is a choice, when it runs. Null steps
/// are left out. <see cref="Build"/> turns it into a <see cref="RenderPlan"/> (a <see cref="Pipeline"/> and a line per
/// step saying what runs). The order is the article's: prepare (restore, register) → matte on the source frames → slow
/// down (interpolate, the seam too when looping) → restyle (depth-guided) → upscale → speed up → composite over a
/// background scrolling at the animal's own ground speed.
/// </summary>
public sealed record RenderRecipe
{
    /// <summary>Stages run first, in order, on the frames as read (restoration: duplicates, tone, dust, stride).</summary>
    public IReadOnlyList<IFrameStage> Preparation { get; init; } = [];

    /// <summary>Line every frame's backdrop up with the first one's before anything else sees it (plates, cameras along a track).</summary>
    public bool Register { get; init; }

    /// <summary>The clip loops: the last→first seam is interpolated, and the background is back in place when it starts again.</summary>
    public bool Loop { get; init; }

    /// <summary>Slow motion; null keeps the frames as they are.</summary>
    public InterpolationStep? Interpolation { get; init; }

    /// <summary>The matte from clicks; null keeps the frames opaque (then there is nothing to composite).</summary>
    public MattingStep? Matting { get; init; }

    /// <summary>Colour from a reference or a style network; null keeps the photographs' own colour.</summary>
    public StyleStep? Style { get; init; }

    /// <summary>Enlarging; null keeps the size.</summary>
    public UpscaleStep? Upscale { get; init; }

    /// <summary>The background the matted subject runs over; null writes the cut-outs (RGBA) when there is a matte.</summary>
    public CompositionStep? Composition { get; init; }

    /// <summary>Playback speed (2 = twice as fast: after a 2× slow-down the animal runs at its own pace again).</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Times the clip plays in a row.</summary>
    public int Loops { get; init; } = 1;

    /// <summary>
    /// Whether every step depends only on nearby frames, so the clip can be cut into segments rendered apart (on other
    /// machines) and joined without a seam, with <see cref="Speed"/> and <see cref="Loops"/> applied at the join. Not with
    /// preparation or registration (they measure the whole clip or its first frame), a loop seam, a matte (click tracking
    /// carries memory from the first frame), colour (frame consistency does too) or a composition.
    /// </summary>
    public bool SplitsIntoSegments => Preparation.Count == 0 && !Register && !Loop && Matting is null && Style is null && Composition is null;

    /// <summary>Builds the pipeline over <paramref name="source"/> (not owned); <paramref name="log"/> hears what is measured on the way (the ground speed).</summary>
    /// <exception cref="ArgumentException">A step's settings are out of range, or a composition without a matte.</exception>
    public RenderPlan Build(IFrameSource source, Action<string>? log = null) => RecipeBuilder.Build(this, source, log);
}
