namespace Muybridge.Video.Onnx.Tensors;

/// <summary>How a frame is fitted to a model's fixed input size.</summary>
public enum ResizeMode
{
    /// <summary>Scale each axis independently to fill the input (the aspect ratio changes).</summary>
    Stretch,

    /// <summary>Scale uniformly to fit and pad the rest (the aspect ratio is kept; the padding is cropped away on the way back).</summary>
    Letterbox,
}
