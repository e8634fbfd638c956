namespace Muybridge.Video.Imaging;

/// <summary>What a file holds before its pixels are decoded.</summary>
internal readonly record struct ImageHeader(int Width, int Height, int Pages, bool HasAlpha, IReadOnlyList<int>? PageDelaysMs);
