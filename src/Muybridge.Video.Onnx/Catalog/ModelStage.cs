namespace Muybridge.Video.Onnx.Catalog;

/// <summary>The pipeline stage a catalogued model serves.</summary>
public enum ModelStage
{
    /// <summary>Frame interpolation (slow motion).</summary>
    Interpolation,

    /// <summary>Monocular depth.</summary>
    Depth,

    /// <summary>Super-resolution.</summary>
    Upscaling,

    /// <summary>Salient-object or video matting.</summary>
    Matting,

    /// <summary>Point-prompt segmentation.</summary>
    Segmentation,

    /// <summary>Style transfer.</summary>
    Stylization,
}
