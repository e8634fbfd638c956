namespace Muybridge.Video.Sources;

/// <summary>Where one frame was cut from a plate, in plate pixels.</summary>
/// <param name="Row">Grid row, from the top.</param>
/// <param name="Column">Grid column, from the left.</param>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public readonly record struct PlateCell(int Row, int Column, int X, int Y, int Width, int Height);
