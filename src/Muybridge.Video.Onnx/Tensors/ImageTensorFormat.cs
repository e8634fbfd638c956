namespace Muybridge.Video.Onnx.Tensors;

/// <summary>
/// How a model wants its image: channel order and the normalisation <c>tensor = (byte × Scale − Mean) / Std</c> per channel,
/// with <see cref="Mean"/> and <see cref="Std"/> given in the tensor's channel order.
/// </summary>
public sealed record ImageTensorFormat
{
    /// <summary>RGB in 0…1 (Real-ESRGAN, RIFE).</summary>
    public static ImageTensorFormat UnitRgb { get; } = new();

    /// <summary>RGB 0…1 then ImageNet mean/std (DPT, Depth-Anything, U²-Net, SAM encoders).</summary>
    public static ImageTensorFormat ImageNet { get; } = new() { Mean = new(0.485f, 0.456f, 0.406f), Std = new(0.229f, 0.224f, 0.225f) };

    /// <summary>RGB 0…1 shifted to −0.5…0.5 (ISNet / DIS).</summary>
    public static ImageTensorFormat CenteredUnit { get; } = new() { Mean = ChannelValues.All(0.5f) };

    /// <summary>BGR bytes as floats 0…255 (Johnson fast neural style).</summary>
    public static ImageTensorFormat Bgr255 { get; } = new() { Order = ChannelOrder.Bgr, Scale = 1f };

    /// <summary>Channel order of the tensor.</summary>
    public ChannelOrder Order { get; init; } = ChannelOrder.Rgb;

    /// <summary>Factor applied to the 0…255 byte before mean and std (1/255 maps to 0…1).</summary>
    public float Scale { get; init; } = 1f / 255f;

    /// <summary>Subtracted after scaling, per tensor channel.</summary>
    public ChannelValues Mean { get; init; } = ChannelValues.All(0f);

    /// <summary>Divides after the mean, per tensor channel; must not be zero.</summary>
    public ChannelValues Std { get; init; } = ChannelValues.All(1f);

    internal void Validate()
    {
        if (!float.IsFinite(Scale) || Scale == 0f)
        {
            throw new OptionOutOfRangeException(nameof(Scale), Scale, "Scale must be a finite non-zero number.");
        }

        if (Std.C0 == 0f || Std.C1 == 0f || Std.C2 == 0f || !float.IsFinite(Std.C0 + Std.C1 + Std.C2 + Mean.C0 + Mean.C1 + Mean.C2))
        {
            throw new OptionOutOfRangeException(nameof(Std), Std, "Mean and Std must be finite and Std non-zero.");
        }
    }
}
