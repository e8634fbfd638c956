using System.Globalization;
using Microsoft.ML.OnnxRuntime;

namespace Muybridge.Video.Onnx.Sessions;

/// <summary>How contract errors print a model's inputs and outputs, the same way for every adapter.</summary>
internal static class ModelContract
{
    /// <summary>"Float [1,3,?,?]": element type and shape, dynamic dimensions as "?".</summary>
    public static string Describe(NodeMetadata metadata)
        => $"{metadata.ElementDataType} [{string.Join(",", metadata.Dimensions.Select(d => d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture)))}]";

    /// <summary>"name Float [1,3,?,?], …" for a set of inputs or outputs.</summary>
    public static string Describe(IReadOnlyDictionary<string, NodeMetadata> nodes)
        => string.Join(", ", nodes.Select(n => $"{n.Key} {Describe(n.Value)}"));
}
