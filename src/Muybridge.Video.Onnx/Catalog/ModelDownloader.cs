using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Muybridge.Video.Onnx.Catalog;

/// <summary>
/// Fetches catalogued models into a <see cref="ModelCache"/>. Bytes go to <c>name.partial</c>; a cut connection keeps it,
/// and the next fetch resumes with an HTTP range request. Only a file whose SHA-256 matches the published hash is renamed
/// to its final name; a mismatch deletes the partial file. <c>npm:</c> sources are read from the package's tarball,
/// fetched over HTTPS from the npm registry (resumable the same way, no Node needed; <see cref="UseNpmClient"/> asks
/// <c>npm pack</c> instead), and their chunks joined in the order the package's <c>resources.json</c> lists them.
/// </summary>
public sealed class ModelDownloader
{
    private readonly ModelCache _cache;
    private readonly HttpClient _http;

    /// <summary>Creates a downloader; pass an <see cref="HttpClient"/> to control proxies and timeouts.</summary>
    public ModelDownloader(ModelCache cache, HttpClient? http = null)
    {
        _cache = cache ?? throw new ArgumentNullException(nameof(cache));
        _http = http ?? new HttpClient();
    }

    /// <summary>Accept files for which no hash is published (their measured hash is returned in the status).</summary>
    public bool AllowUnverified { get; init; }

    /// <summary>
    /// The npm registry <c>npm:</c> sources come from; default: <c>$npm_config_registry</c>, else the public registry.
    /// </summary>
    public Uri NpmRegistry { get; init; } = DefaultNpmRegistry;

    /// <summary>Fetch <c>npm:</c> sources with the <c>npm pack</c> command (its proxies and credentials) instead of over HTTPS.</summary>
    public bool UseNpmClient { get; init; }

    private static Uri DefaultNpmRegistry
        => new(Environment.GetEnvironmentVariable("npm_config_registry") is { Length: > 0 } configured ? configured.TrimEnd('/') + "/" : "https://registry.npmjs.org/");

    /// <summary>Fetches every file of <paramref name="card"/> that is not already verified in the cache.</summary>
    /// <returns>The state of each file afterwards.</returns>
    /// <exception cref="ModelDownloadException">No source, no published hash (and unverified files not allowed), a cut
    /// connection (resumable), a server error, or a hash mismatch.</exception>
    public async Task<IReadOnlyList<ModelFileStatus>> FetchAsync(ModelCard card, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(card);
        foreach (var file in card.Files)
        {
            await FetchFileAsync(file, progress, cancellationToken).ConfigureAwait(false);
        }

        return _cache.Verify(card, cancellationToken);
    }

    /// <summary>Fetches one file; returns its final path.</summary>
    public async Task<string> FetchFileAsync(ModelFile file, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var final = _cache.PathFor(file);
        if (File.Exists(final) && (file.Sha256 is null || string.Equals(ModelCache.Sha256Of(final, cancellationToken), file.Sha256, StringComparison.OrdinalIgnoreCase)))
        {
            return final;
        }

        if (file.Source is null)
        {
            throw new ModelDownloadException($"'{file.FileName}' has no official download address. Place the file at '{final}' (or pass its path with --model).");
        }

        if (file.Sha256 is null && !AllowUnverified)
        {
            throw new ModelDownloadException($"No SHA-256 is published for '{file.FileName}' ({file.Source}); fetch it with --allow-unverified (AllowUnverified) and pin the hash it prints.");
        }

        Directory.CreateDirectory(_cache.Folder);
        var partial = final + ".partial";
        if (file.Source.StartsWith("npm:", StringComparison.Ordinal))
        {
            await FetchFromNpmAsync(file.Source, partial, progress, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await DownloadAsync(new Uri(file.Source), file.FileName, partial, progress, cancellationToken).ConfigureAwait(false);
        }

        var actual = ModelCache.Sha256Of(partial, cancellationToken);
        if (file.Sha256 is not null && !string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(partial);
            throw new ModelDownloadException($"'{file.FileName}' from {file.Source} has SHA-256 {actual}, not the published {file.Sha256}; the download was discarded.");
        }

        File.Move(partial, final, overwrite: true);
        return final;
    }

    private async Task DownloadAsync(Uri source, string name, string partial, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, source);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ModelDownloadException($"Could not reach {source}: {e.Message}", e);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                // The partial file is already whole (or longer than the file): let the hash decide.
                return;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ModelDownloadException($"{source} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            var resuming = have > 0 && response.StatusCode == HttpStatusCode.PartialContent;
            var offset = resuming ? have : 0;
            long? total = response.Content.Headers.ContentLength is { } length ? length + offset : null;
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var output = new FileStream(partial, resuming ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await using (output.ConfigureAwait(false))
                {
                    var buffer = new byte[1 << 16];
                    var written = offset;
                    try
                    {
                        int read;
                        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                        {
                            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                            written += read;
                            progress?.Report(new DownloadProgress(name, written, total));
                        }
                    }
                    catch (Exception e) when (e is IOException or HttpRequestException)
                    {
                        throw new ModelDownloadException($"The connection to {source} was cut after {written} bytes; '{partial}' was kept, fetch again to resume.", e);
                    }

                    if (total is { } expected && written < expected)
                    {
                        throw new ModelDownloadException($"{source} ended after {written} of {expected} bytes; '{partial}' was kept, fetch again to resume.");
                    }
                }
            }
        }
    }

    private async Task FetchFromNpmAsync(string source, string partial, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var spec = NpmSource.Parse(source);
        var tarball = Path.Combine(_cache.Folder, spec.TarballName);
        if (!File.Exists(tarball))
        {
            if (UseNpmClient)
            {
                await PackWithNpmAsync(spec.Package, tarball, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await DownloadAsync(new Uri(NpmRegistry, spec.TarballPath), spec.TarballName, tarball + ".partial", progress, cancellationToken).ConfigureAwait(false);
                File.Move(tarball + ".partial", tarball, overwrite: true);
            }
        }

        try
        {
            await NpmTarball.JoinChunksAsync(tarball, spec.ResourceKey, partial, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or System.Text.Json.JsonException or EndOfStreamException or KeyNotFoundException or InvalidOperationException)
        {
            // A damaged download or a package of another shape (its index missing a field): one line, never a parser's stack.
            File.Delete(tarball);
            throw new ModelDownloadException($"The package tarball {spec.TarballName} is damaged ({e.Message}); it was deleted, fetch again.", e);
        }

        // The tarball is kept only while another catalogued model still needs it (both ISNet sizes come from one package).
        var stillNeeded = ModelCatalog.All.SelectMany(c => c.Files)
            .Any(f => f.Source is { } other && other.StartsWith("npm:", StringComparison.Ordinal) && other != source
                && NpmSource.Parse(other).TarballName == spec.TarballName && !File.Exists(_cache.PathFor(f)));
        if (!stillNeeded)
        {
            File.Delete(tarball);
        }
    }

    private static async Task PackWithNpmAsync(string package, string tarball, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("muybridge-npm");
        try
        {
            await RunNpmPackAsync(package, work.FullName, cancellationToken).ConfigureAwait(false);
            var packed = work.GetFiles("*.tgz").FirstOrDefault() ?? throw new ModelDownloadException($"npm pack {package} produced no tarball.");
            File.Move(packed.FullName, tarball, overwrite: true);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task RunNpmPackAsync(string package, string folder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("pack");
        start.ArgumentList.Add("--silent");
        start.ArgumentList.Add(package);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ModelDownloadException("npm could not be started.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ModelDownloadException($"This model is distributed as the npm package {package}, and npm was not found on PATH: install Node.js.", e);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new ModelDownloadException($"npm pack {package} failed ({process.ExitCode}): {(await stderr.ConfigureAwait(false)).Trim()}");
            }
        }
    }
}
