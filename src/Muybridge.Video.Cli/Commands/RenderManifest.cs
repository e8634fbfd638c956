using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Muybridge.Video.Cli.Commands;

/// <summary>
/// What a render did, so it can be done again: the exact arguments, every input and model file with its SHA-256, the
/// stages that ran and the execution provider. <c>muybridge render --manifest file.json</c> checks the files are the same
/// and replays the arguments.
/// </summary>
internal sealed record RenderManifest(
    int FormatVersion,
    string Tool,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<RenderManifest.FileHash> Inputs,
    IReadOnlyList<RenderManifest.FileHash> Models,
    IReadOnlyList<string> Stages,
    string Provider)
{
    /// <summary>The manifest format this tool writes and reads.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The plan's line per step (what ran and where), for a reader; replay rebuilds them from the arguments.</summary>
    public IReadOnlyList<string>? Steps { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public sealed record FileHash(string Path, string Sha256);

    public static FileHash Hash(string path)
    {
        if (Directory.Exists(path))
        {
            // A folder of frames: one hash over its files' names and contents, in natural order.
            using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var file in Directory.GetFiles(path).Order(Sources.NaturalStringComparer.Instance))
            {
                all.AppendData(System.Text.Encoding.UTF8.GetBytes(System.IO.Path.GetFileName(file)));
                all.AppendData(File.ReadAllBytes(file));
            }

            return new FileHash(System.IO.Path.GetFullPath(path), Convert.ToHexStringLower(all.GetHashAndReset()));
        }

        using var stream = File.OpenRead(path);
        return new FileHash(System.IO.Path.GetFullPath(path), Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var temporary = path + ".partial";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(this, Json), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a manifest and checks it can be replayed here.</summary>
    /// <exception cref="InvalidOperationException">Newer format, or an input or model that is missing or changed.</exception>
    public static async Task<RenderManifest> ReadAsync(string path, CancellationToken cancellationToken)
    {
        RenderManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<RenderManifest>(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"'{path}' is not a render manifest: {e.Message}", e);
        }

        if (manifest is null || manifest.Arguments is null)
        {
            throw new InvalidOperationException($"'{path}' is not a render manifest.");
        }

        if (manifest.FormatVersion > CurrentFormat)
        {
            throw new InvalidOperationException($"'{path}' was written by a newer muybridge (manifest format {manifest.FormatVersion}; this one reads up to {CurrentFormat}). Update the tool.");
        }

        foreach (var (file, kind) in manifest.Inputs.Select(i => (i, "input")).Concat(manifest.Models.Select(m => (m, "model"))))
        {
            if (!File.Exists(file.Path) && !Directory.Exists(file.Path))
            {
                throw new InvalidOperationException($"The manifest's {kind} '{file.Path}' is missing{(kind == "model" ? " (fetch it with `muybridge models fetch`, or put the file back)" : "")}.");
            }

            var now = Hash(file.Path).Sha256;
            if (!string.Equals(now, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The manifest's {kind} '{file.Path}' has changed: SHA-256 {now}, recorded {file.Sha256}. The render would not be the same.");
            }
        }

        return manifest;
    }
}
