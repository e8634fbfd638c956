namespace Muybridge.Video.Sinks;

/// <summary>Layout of a contact sheet.</summary>
public sealed record ContactSheetOptions
{
    /// <summary>Frames per row; null picks about a 16:9 sheet.</summary>
    public int? Columns { get; init; }

    /// <summary>Width each frame is scaled to.</summary>
    public int CellWidth { get; init; } = 240;

    /// <summary>Pixels between cells and around the sheet.</summary>
    public int Gutter { get; init; } = 6;

    /// <summary>Keep every Nth frame (1 keeps all): a long clip's sheet stays readable and small.</summary>
    public int Every { get; init; } = 1;

    /// <summary>Gutter colour, sRGB.</summary>
    public (byte R, byte G, byte B) Background { get; init; } = (24, 24, 24);
}
