using System.Net;
using System.Net.Sockets;

namespace Muybridge.Video.Tests.Orleans;

/// <summary>`muybridge cluster` refusing what cannot work: one line, the right exit code, nothing submitted or written.</summary>
[Collection(nameof(ConsoleUsers))]
public sealed class ClusterCliTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("muybridge-cluster-cli");

    public void Dispose() => _folder.Delete(recursive: true);

    private string At(string name) => Path.Combine(_folder.FullName, name);

    [Fact]
    public async Task A_silo_on_storage_it_cannot_write_is_refused_in_one_line()
    {
        await File.WriteAllTextAsync(At("a-file"), "", TestContext.Current.CancellationToken);
        var (code, _, error) = await CliRun.RunAsync("cluster", "silo", "--storage", Path.Combine(At("a-file"), "store"));
        Assert.Equal(1, code);
        Assert.StartsWith("error: The cluster storage", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_silo_whose_port_is_taken_says_so_in_one_line()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (code, output, error) = await CliRun.RunAsync("cluster", "silo", "--storage", At("store"), "--port", $"{port}", "--gateway-port", $"{port}");
        Assert.Equal(1, code);
        Assert.Contains("could not start", error, StringComparison.Ordinal);
        Assert.Contains("in use", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_render_for_a_cluster_with_no_silo_is_refused_and_writes_nothing()
    {
        var (code, _, error) = await CliRun.RunAsync("cluster", "render", "--cluster", At("store"), "-i", SharedData.Muybridge("buffalo-gallop.gif"), "-o", At("out.gif"));
        Assert.Equal(1, code);
        Assert.Contains("No silo of the cluster", error, StringComparison.Ordinal);
        Assert.False(File.Exists(At("out.gif")));
    }

    [Fact]
    public async Task A_bad_input_or_option_is_refused_by_the_renders_own_checks_before_anything_is_submitted()
    {
        var (code, _, error) = await CliRun.RunAsync("cluster", "render", "--cluster", At("store"), "-i", At("missing.gif"), "-o", At("out.gif"));
        Assert.Equal(1, code);
        Assert.Contains("missing.gif", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(At("store")), "nothing was submitted, so the storage was never touched");

        (code, _, error) = await CliRun.RunAsync("cluster", "render", "--cluster", At("store"), "-i", SharedData.Muybridge("buffalo-gallop.gif"), "--interpolate", "0", "-o", At("out.gif"));
        Assert.Equal(2, code);

        (code, _, error) = await CliRun.RunAsync("cluster", "render", "--cluster", At("store"), "-i", SharedData.Muybridge("buffalo-gallop.gif"), "--write-manifest", At("m.json"), "-o", At("out.gif"));
        Assert.Equal(2, code);
        Assert.Contains("--write-manifest is not taken by cluster render", error, StringComparison.Ordinal);
    }
}
