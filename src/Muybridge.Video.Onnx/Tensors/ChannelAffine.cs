namespace Muybridge.Video.Onnx.Tensors;

/// <summary>
/// Per tensor channel: which frame channel feeds it and the affine map <c>tensor = byte × Scale + Bias</c>. Computed once from an
/// <see cref="ImageTensorFormat"/> so the kernels do one multiply and one add per value whatever the normalisation.
/// </summary>
internal readonly record struct ChannelAffine(int Source0, int Source1, int Source2, float Scale0, float Scale1, float Scale2, float Bias0, float Bias1, float Bias2)
{
    /// <summary>Bytes 0…255 to RGB 0…1.</summary>
    public static ChannelAffine Unit { get; } = From(ImageTensorFormat.UnitRgb);

    public static ChannelAffine From(ImageTensorFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var swap = format.Order == ChannelOrder.Bgr;
        return new ChannelAffine(
            swap ? 2 : 0, 1, swap ? 0 : 2,
            format.Scale / format.Std.C0, format.Scale / format.Std.C1, format.Scale / format.Std.C2,
            -format.Mean.C0 / format.Std.C0, -format.Mean.C1 / format.Std.C1, -format.Mean.C2 / format.Std.C2);
    }

    public int Source(int channel) => channel switch { 0 => Source0, 1 => Source1, _ => Source2 };

    public float Scale(int channel) => channel switch { 0 => Scale0, 1 => Scale1, _ => Scale2 };

    public float Bias(int channel) => channel switch { 0 => Bias0, 1 => Bias1, _ => Bias2 };
}
