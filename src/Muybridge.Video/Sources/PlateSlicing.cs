namespace Muybridge.Video.Sources;

/// <summary>How <see cref="PlateSource"/> cuts a sheet into frames.</summary>
public enum PlateSlicing
{
    /// <summary>Find the gutters, borders and separators and trim them (scanned plates).</summary>
    DetectGutters,

    /// <summary>Cut into R×C equal cells with nothing trimmed (re-laid strips whose frames touch).</summary>
    EqualCells,
}
