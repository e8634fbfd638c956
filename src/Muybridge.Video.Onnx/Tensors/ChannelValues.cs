namespace Muybridge.Video.Onnx.Tensors;

/// <summary>Three per-channel numbers in the tensor's channel order (a mean or a standard deviation).</summary>
public readonly record struct ChannelValues(float C0, float C1, float C2)
{
    /// <summary>The same value in every channel.</summary>
    public static ChannelValues All(float value) => new(value, value, value);
}
