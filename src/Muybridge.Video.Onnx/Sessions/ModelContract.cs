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

    /// <summary>
    /// Checks a loaded model against its catalogue card: every published input and output exists (by name, or by position
    /// where the card leaves names open) with the published rank. Returns the actual input and output names in card order.
    /// </summary>
    /// <exception cref="ModelContractException">A name or rank differs; the message names the expected and the actual signature.</exception>
    public static (string[] Inputs, string[] Outputs) Require(OnnxModel model, Catalog.ModelCard card)
    {
        var inputs = Match(model.Session.InputMetadata, card.Inputs);
        var outputs = Match(model.Session.OutputMetadata, card.Outputs);
        if (inputs is null || outputs is null)
        {
            throw new ModelContractException(
                $"'{model.Path}' does not have the signature of {card.Name}: expected inputs {string.Join(", ", card.Inputs)} and outputs {string.Join(", ", card.Outputs)}; " +
                $"the file has inputs {Describe(model.Session.InputMetadata)} and outputs {Describe(model.Session.OutputMetadata)}.");
        }

        return (inputs, outputs);
    }

    private static string[]? Match(IReadOnlyDictionary<string, NodeMetadata> actual, IReadOnlyList<Catalog.TensorContract> expected)
    {
        var names = new string[expected.Count];
        var positional = actual.ToList();
        for (var i = 0; i < expected.Count; i++)
        {
            var contract = expected[i];
            KeyValuePair<string, NodeMetadata> node;
            if (contract.Name is { } name)
            {
                if (!actual.TryGetValue(name, out var metadata))
                {
                    return null;
                }

                node = new(name, metadata);
            }
            else if (i < positional.Count)
            {
                node = positional[i];
            }
            else
            {
                return null;
            }

            if (node.Value.Dimensions.Length != contract.Rank)
            {
                return null;
            }

            names[i] = node.Key;
        }

        return names;
    }
}
