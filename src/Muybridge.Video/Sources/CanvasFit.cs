namespace Muybridge.Video.Sources;

/// <summary>What a folder source does when its frames differ in size.</summary>
public enum CanvasFit
{
    /// <summary>Refuse with an error that lists the sizes (the default: silent resizing hides scanning problems).</summary>
    Refuse,

    /// <summary>Centre every frame on a canvas of the median size, cropping or padding with the frame's own edge pixels.</summary>
    Center,

    /// <summary>Resample every frame to the median size (Lanczos3).</summary>
    Stretch,
}
