using System.Security.Cryptography;
using Muybridge.Video.Onnx.Catalog;

namespace Muybridge.Video.Tests.Onnx;

public sealed class ModelCatalogTests : IDisposable
{
    private readonly DirectoryInfo _cache = Directory.CreateTempSubdirectory("muybridge-cache");
    private readonly byte[] _payload = RandomNumberGenerator.GetBytes(300_000);

    public void Dispose() => _cache.Delete(recursive: true);

    private static ModelFile FileServedBy(LocalHttpServer server, string? sha256)
        => new("model.onnx", server.Address("model.onnx").ToString(), sha256);

    private string Sha => Convert.ToHexStringLower(SHA256.HashData(_payload));

    [Fact]
    public async Task A_download_with_the_published_hash_lands_under_its_final_name_only()
    {
        await using var server = new LocalHttpServer(_payload);
        var downloader = new ModelDownloader(new ModelCache(_cache.FullName));
        var path = await downloader.FetchFileAsync(FileServedBy(server, Sha), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(_payload, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.Single(_cache.GetFiles());

        // A second fetch finds it verified and does not touch the network.
        await downloader.FetchFileAsync(FileServedBy(server, Sha), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Single(server.RangesSeen);
    }

    [Fact]
    public async Task A_wrong_hash_is_refused_and_nothing_is_left_behind()
    {
        await using var server = new LocalHttpServer(_payload);
        var downloader = new ModelDownloader(new ModelCache(_cache.FullName));
        var wrong = new string('0', 64);
        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => downloader.FetchFileAsync(FileServedBy(server, wrong), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains(Sha, error.Message, StringComparison.Ordinal);
        Assert.Contains(wrong, error.Message, StringComparison.Ordinal);
        Assert.Empty(_cache.GetFiles());
    }

    [Fact]
    public async Task A_cut_connection_keeps_the_partial_file_and_the_next_fetch_resumes_with_a_range_request()
    {
        await using var server = new LocalHttpServer(_payload) { CutAfter = 120_000 };
        var downloader = new ModelDownloader(new ModelCache(_cache.FullName));
        var file = FileServedBy(server, Sha);
        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => downloader.FetchFileAsync(file, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("resume", error.Message, StringComparison.Ordinal);
        var partial = Path.Combine(_cache.FullName, "model.onnx.partial");
        Assert.Equal(120_000, new FileInfo(partial).Length);
        Assert.False(File.Exists(Path.Combine(_cache.FullName, "model.onnx")));

        var path = await downloader.FetchFileAsync(file, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("bytes=120000-", server.RangesSeen[^1]);
        Assert.Equal(_payload, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(partial));
    }

    [Fact]
    public async Task Unpublished_hashes_need_consent_and_missing_files_or_servers_say_so()
    {
        await using var server = new LocalHttpServer(_payload);
        var cache = new ModelCache(_cache.FullName);
        var strict = new ModelDownloader(cache);
        var unverified = await Assert.ThrowsAsync<ModelDownloadException>(() => strict.FetchFileAsync(FileServedBy(server, null), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("--allow-unverified", unverified.Message, StringComparison.Ordinal);
        Assert.Empty(server.RangesSeen);

        var lenient = new ModelDownloader(cache) { AllowUnverified = true };
        var card = new ModelCard("test", ModelStage.Depth, "http://example", "MIT", [FileServedBy(server, null)], [], []);
        var status = Assert.Single(await lenient.FetchAsync(card, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(ModelFileState.Unverified, status.State);
        Assert.Equal(Sha, status.ActualSha256);

        var missing = new ModelFile("gone.onnx", server.Address("gone.onnx").ToString(), Sha);
        var notFound = await Assert.ThrowsAsync<ModelDownloadException>(() => strict.FetchFileAsync(missing, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("404", notFound.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_cache.FullName, "gone.onnx")));
    }

    [Fact]
    public void The_catalog_verifies_the_real_shared_models_and_flags_a_corrupt_copy()
    {
        var source = SharedData.Model("sr/realesr-animevideov3.onnx");
        var card = ModelCatalog.Find("realesr-animevideov3");
        var cache = new ModelCache(_cache.FullName);
        Assert.Equal(ModelFileState.Missing, cache.Verify(card, TestContext.Current.CancellationToken)[0].State);
        Assert.Throws<FileNotFoundException>(() => cache.Require(card));

        File.Copy(source, cache.PathFor(card.Primary));
        Assert.Equal(ModelFileState.Verified, cache.Verify(card, TestContext.Current.CancellationToken)[0].State);
        Assert.Equal(cache.PathFor(card.Primary), cache.Require(card));

        using (var stream = File.OpenWrite(cache.PathFor(card.Primary)))
        {
            stream.Seek(1000, SeekOrigin.Begin);
            stream.WriteByte(0x5A);
        }

        Assert.Equal(ModelFileState.Corrupt, cache.Verify(card, TestContext.Current.CancellationToken)[0].State);
        Assert.Throws<ModelDownloadException>(() => cache.Require(card));

        foreach (var style in new[] { "fns-candy", "fns-la-muse", "fns-mosaic", "fns-udnie" })
        {
            var styleCard = ModelCatalog.Find(style);
            var shared = SharedData.Model("style/" + styleCard.Primary.FileName);
            File.Copy(shared, cache.PathFor(styleCard.Primary));
            Assert.Equal(ModelFileState.Verified, cache.Verify(styleCard, TestContext.Current.CancellationToken)[0].State);
        }

        Assert.Contains("Known:", Assert.Throws<InvalidOptionException>(() => ModelCatalog.Find("nope")).Message, StringComparison.Ordinal);
    }
}
