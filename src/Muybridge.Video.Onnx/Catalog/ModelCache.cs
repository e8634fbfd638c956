using System.Security.Cryptography;

namespace Muybridge.Video.Onnx.Catalog;

/// <summary>
/// The folder catalogued models are kept in: <c>$MUYBRIDGE_MODEL_CACHE</c> when set, else the user's local application
/// data folder (<c>muybridge/models</c>). Files are addressed by their catalogue file name.
/// </summary>
public sealed class ModelCache
{
    /// <summary>Uses <paramref name="folder"/>, or the default location when null.</summary>
    public ModelCache(string? folder = null)
    {
        Folder = Path.GetFullPath(folder ?? DefaultFolder);
    }

    /// <summary>The environment variable that moves the default cache.</summary>
    public const string EnvironmentVariable = "MUYBRIDGE_MODEL_CACHE";

    /// <summary>The default location.</summary>
    public static string DefaultFolder =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "muybridge", "models");

    /// <summary>The cache folder.</summary>
    public string Folder { get; }

    /// <summary>Where <paramref name="file"/> lives (or will) in the cache.</summary>
    public string PathFor(ModelFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Path.Combine(Folder, file.FileName);
    }

    /// <summary>Checks every file of <paramref name="card"/> on disk against its published hash.</summary>
    public IReadOnlyList<ModelFileStatus> Verify(ModelCard card, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(card);
        var statuses = new List<ModelFileStatus>();
        foreach (var file in card.Files)
        {
            var path = PathFor(file);
            if (!File.Exists(path))
            {
                statuses.Add(new ModelFileStatus(file, path, ModelFileState.Missing, null));
                continue;
            }

            var actual = Sha256Of(path, cancellationToken);
            var state = file.Sha256 is null ? ModelFileState.Unverified
                : string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase) ? ModelFileState.Verified
                : ModelFileState.Corrupt;
            statuses.Add(new ModelFileStatus(file, path, state, actual));
        }

        return statuses;
    }

    /// <summary>The path of <paramref name="card"/>'s primary file when present and not corrupt.</summary>
    /// <exception cref="FileNotFoundException">It is not in the cache; the message says how to fetch it.</exception>
    /// <exception cref="ModelDownloadException">It is there but its hash is wrong.</exception>
    public string Require(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var status = Verify(card)[0];
        return status.State switch
        {
            ModelFileState.Missing => throw new FileNotFoundException($"Model '{card.Name}' is not in the cache '{Folder}'. Run: muybridge models fetch {card.Name}", status.Path),
            ModelFileState.Corrupt => throw new ModelDownloadException($"'{status.Path}' has SHA-256 {status.ActualSha256}, not the published {card.Primary.Sha256}. Delete it and fetch again."),
            _ => status.Path,
        };
    }

    internal static string Sha256Of(string path, CancellationToken cancellationToken = default)
    {
        using var stream = File.OpenRead(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            hash.AppendData(buffer, 0, read);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
