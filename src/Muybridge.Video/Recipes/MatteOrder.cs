namespace Muybridge.Video.Recipes;

/// <summary>Which frames the matter sees.</summary>
public enum MatteOrder
{
    /// <summary>The source frames, as read (the article's way): a model runs once per photograph, and each in-between's matte is carried by the same flow that made its pixels.</summary>
    SourceFrames,

    /// <summary>The finished frames, after interpolation, colour and upscaling: every in-between is matted on its own pixels.</summary>
    OutputFrames,
}
