namespace Muybridge.Video.Compositing;

/// <summary>One planted hoof followed from frame <paramref name="Frame"/> to the next.</summary>
/// <param name="Frame">The first of the two frames (position in the list measured).</param>
/// <param name="Column">The hoof's centre column on the ground line.</param>
/// <param name="PixelsPerFrame">How far it moved.</param>
/// <param name="PixelsPerSecond">The same by the two frames' timestamps.</param>
/// <param name="Match">Its correlation with itself in the next frame.</param>
public sealed record GroundStep(int Frame, double Column, double PixelsPerFrame, double PixelsPerSecond, double Match);
