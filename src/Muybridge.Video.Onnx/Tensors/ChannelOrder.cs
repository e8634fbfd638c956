namespace Muybridge.Video.Onnx.Tensors;

/// <summary>The order of the colour planes a model expects.</summary>
public enum ChannelOrder
{
    /// <summary>Red, green, blue (most PyTorch exports).</summary>
    Rgb,

    /// <summary>Blue, green, red (Caffe and OpenCV-trained models, e.g. fast neural style).</summary>
    Bgr,
}
