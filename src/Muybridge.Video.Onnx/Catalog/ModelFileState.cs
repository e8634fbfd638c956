namespace Muybridge.Video.Onnx.Catalog;

/// <summary>What <see cref="ModelCache.Verify"/> found.</summary>
public enum ModelFileState
{
    /// <summary>Not in the cache.</summary>
    Missing,

    /// <summary>Present and its SHA-256 equals the published one.</summary>
    Verified,

    /// <summary>Present, but no hash is published to check it against.</summary>
    Unverified,

    /// <summary>Present with the wrong SHA-256.</summary>
    Corrupt,
}
