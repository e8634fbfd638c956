using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Muybridge.Video.Onnx.Catalog;

namespace Muybridge.Video.Tests.Onnx;

/// <summary>
/// Models shipped in an npm package (ISNet) are read from the package's tarball over HTTP, with no Node: a tarball built
/// here, laid out as @imgly/background-removal-data lays out its own, is served on 127.0.0.1.
/// </summary>
public sealed class NpmTarballTests : IDisposable
{
    private readonly DirectoryInfo _cache = Directory.CreateTempSubdirectory("muybridge-npm-cache");

    public void Dispose() => _cache.Delete(recursive: true);

    /// <summary>A package whose resource "/models/x" is three chunks, stored in the tar in another order than joined.</summary>
    private static (byte[] Tarball, byte[] Model) Package()
    {
        var chunks = Enumerable.Range(0, 3).Select(i => RandomNumberGenerator.GetBytes(40_000 + i * 1_000)).ToArray();
        var names = chunks.Select(c => Convert.ToHexStringLower(SHA256.HashData(c))).ToArray();
        var resources = $$"""{ "/models/x": { "chunks": [{{string.Join(", ", names.Select(n => $$"""{ "hash": "{{n}}" }"""))}}] } }""";
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            void Add(string name, byte[] data) => writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
            Add("package/package.json", Encoding.UTF8.GetBytes("{}"));
            Add($"package/dist/{names[2]}", chunks[2]);
            Add($"package/dist/{names[0]}", chunks[0]);
            Add("package/dist/resources.json", Encoding.UTF8.GetBytes(resources));
            Add($"package/dist/{names[1]}", chunks[1]);
        }

        using var gz = new MemoryStream();
        using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(tar.ToArray());
        }

        return (gz.ToArray(), [.. chunks.SelectMany(c => c)]);
    }

    private static ModelFile FileIn(byte[] model) => new("x.onnx", "npm:@test/models@1.0.0#/models/x", Convert.ToHexStringLower(SHA256.HashData(model)));

    [Fact]
    public async Task The_model_is_joined_from_the_tarball_served_over_http_resuming_a_cut_download()
    {
        var (tarball, model) = Package();
        await using var server = new LocalHttpServer(tarball) { CutAfter = tarball.Length / 2 };
        var downloader = new ModelDownloader(new ModelCache(_cache.FullName)) { NpmRegistry = server.Address("") };
        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => downloader.FetchFileAsync(FileIn(model), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("resume", error.Message, StringComparison.Ordinal);
        Assert.Equal(tarball.Length / 2, new FileInfo(Path.Combine(_cache.FullName, "models-1.0.0.tgz.partial")).Length);

        var path = await downloader.FetchFileAsync(FileIn(model), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal($"bytes={tarball.Length / 2}-", server.RangesSeen[^1]);
        Assert.Equal(model, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));

        // Only the model stays: no tarball, no partial file, no chunks.
        Assert.Equal(["x.onnx"], _cache.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public async Task A_damaged_tarball_or_a_wrong_hash_is_refused_and_nothing_is_left_under_the_final_name()
    {
        var (tarball, model) = Package();
        // Not gzip at all (a proxy's error page, say): the tarball is refused and deleted.
        var damaged = tarball.ToArray();
        damaged[0] ^= 0xFF;
        await using (var server = new LocalHttpServer(damaged))
        {
            var downloader = new ModelDownloader(new ModelCache(_cache.FullName)) { NpmRegistry = server.Address("") };
            var error = await Assert.ThrowsAsync<ModelDownloadException>(() => downloader.FetchFileAsync(FileIn(model), cancellationToken: TestContext.Current.CancellationToken));
            Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(_cache.FullName, "x.onnx")));
            Assert.False(File.Exists(Path.Combine(_cache.FullName, "models-1.0.0.tgz")));
        }

        // A byte changed on the way: the tar's framing or the joined file's SHA-256 gives it away.
        var changed = tarball.ToArray();
        changed[changed.Length / 2] ^= 0xFF;
        await using (var server = new LocalHttpServer(changed))
        {
            var downloader = new ModelDownloader(new ModelCache(_cache.FullName)) { NpmRegistry = server.Address("") };
            var wrong = FileIn(model);
            var error = await Assert.ThrowsAsync<ModelDownloadException>(() => downloader.FetchFileAsync(wrong, cancellationToken: TestContext.Current.CancellationToken));
            // Where the flipped byte lands decides which check sees it: the SHA-256, the gzip/tar framing, or the package's layout.
            Assert.True(error.Message.Contains("discarded", StringComparison.Ordinal) || error.Message.Contains("damaged", StringComparison.Ordinal)
                || error.Message.Contains("not a model data package", StringComparison.Ordinal), error.Message);
            Assert.False(File.Exists(Path.Combine(_cache.FullName, "x.onnx")));
        }
    }

    [Fact]
    public async Task An_unreachable_registry_is_one_clear_error()
    {
        var (_, model) = Package();
        var downloader = new ModelDownloader(new ModelCache(_cache.FullName)) { NpmRegistry = new Uri("http://127.0.0.1:9/") };
        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => downloader.FetchFileAsync(FileIn(model), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("Could not reach", error.Message, StringComparison.Ordinal);
    }
}
