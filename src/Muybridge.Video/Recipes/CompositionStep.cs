using Muybridge.Video.Compositing;

namespace Muybridge.Video.Recipes;

/// <summary>
/// The background in a <see cref="RenderRecipe"/>. By default it scrolls at the subject's own ground speed, measured from
/// its planted hooves on the first <see cref="GroundLookAhead"/> matted source frames in the same pass.
/// </summary>
public sealed record CompositionStep
{
    /// <summary>The background (its scenery: parallax, layers); the plan copies it at the speed it settles on. Not owned.</summary>
    public required ScrollingBackground Background { get; init; }

    /// <summary>Output size, the subject's size and place, contact shadow.</summary>
    public CompositeOptions Options { get; init; } = new();

    /// <summary>A fixed scroll speed in output pixels per second; null: the ground speed from the hooves.</summary>
    public double? ScrollSpeed { get; init; }

    /// <summary>Fail clearly when the ground speed cannot be measured, rather than fall back to <see cref="FallbackScroll"/>.</summary>
    public bool RequireGroundSpeed { get; init; }

    /// <summary>Output pixels per second when no hoof is seen planted in two frames in a row.</summary>
    public double FallbackScroll { get; init; } = 120;

    /// <summary>Matted source frames held to measure the ground speed on (memory is bounded by it).</summary>
    public int GroundLookAhead { get; init; } = 24;

    /// <summary>Take the edge's colour from the subject around it (<see cref="CompositeOptions.RecoverEdgeColour"/>): the recipe's mattes are cut from photographs.</summary>
    public bool RecoverEdgeColour { get; init; } = true;

    /// <summary>Where the background starts, in output pixels (to continue a scroll from an earlier clip).</summary>
    public double StartOffset { get; init; }
}
