namespace Muybridge.Video.Onnx.Catalog;

/// <summary>
/// One input or output as the model's authors publish it. <see cref="Name"/> is null where exports differ in naming and
/// the tensor is taken by position. <see cref="Shape"/> uses symbols for free sizes, e.g. <c>[1,3,H,W]</c>.
/// </summary>
public sealed record TensorContract(string? Name, string ElementType, string Shape, string Layout, string ValueRange)
{
    /// <summary>The number of dimensions in <see cref="Shape"/>.</summary>
    public int Rank => Shape.Trim('[', ']').Split(',').Length;

    /// <inheritdoc />
    public override string ToString() => $"{Name ?? "(any name)"} {ElementType} {Shape} {Layout} {ValueRange}";
}
