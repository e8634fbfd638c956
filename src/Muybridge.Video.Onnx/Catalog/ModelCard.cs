namespace Muybridge.Video.Onnx.Catalog;

/// <summary>
/// Everything known about a model: where it comes from, how to check it, and what it takes and returns;
/// <see cref="InputFormat"/> is the image normalisation its adapter applies.
/// </summary>
public sealed record ModelCard(
    string Name,
    ModelStage Stage,
    string Homepage,
    string Licence,
    IReadOnlyList<ModelFile> Files,
    IReadOnlyList<TensorContract> Inputs,
    IReadOnlyList<TensorContract> Outputs,
    string Notes = "",
    Tensors.ImageTensorFormat? InputFormat = null)
{
    /// <summary>The file that holds the ONNX graph (the first one).</summary>
    public ModelFile Primary => Files[0];
}
