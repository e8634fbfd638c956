using System.Net;
using Microsoft.Extensions.Options;
using Muybridge.Video.Orleans.Storage;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;

namespace Muybridge.Video.Tests.Orleans;

/// <summary>
/// The shared-folder stores keep Orleans' contracts: a membership change made against an old table version or row ETag
/// is refused (so two silos never both win a vote), rows read back whole, and a grain's state written by a stale
/// activation is refused.
/// </summary>
public sealed class FolderStorageTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("muybridge-folder-store");

    public void Dispose() => _folder.Delete(recursive: true);

    private FolderMembershipTable Table() => new(new ClusterStorage(_folder.FullName), Options.Create(new ClusterOptions { ClusterId = "test" }));

    private static MembershipEntry Entry(int port, SiloStatus status) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 42),
        Status = status,
        ProxyPort = port + 1000,
        HostName = "host",
        SiloName = $"silo-{port}",
        StartTime = new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc),
        IAmAliveTime = new DateTime(2026, 12, 3, 12, 0, 5, DateTimeKind.Utc),
    };

    [Fact]
    public async Task Membership_changes_against_a_stale_version_or_etag_are_refused_and_rows_read_back_whole()
    {
        var table = Table();
        await table.InitializeMembershipTable(tryInitTableVersion: true);
        var empty = await table.ReadAll();
        Assert.Equal(0, empty.Version.Version);

        Assert.True(await table.InsertRow(Entry(1, SiloStatus.Joining), empty.Version.Next()));
        Assert.False(await table.InsertRow(Entry(2, SiloStatus.Joining), empty.Version.Next()), "a second insert against the same version must lose");

        // A second table object over the same file (another silo) sees the row.
        var other = Table();
        var read = await other.ReadAll();
        var (row, etag) = read.Members.Single();
        Assert.Equal(1, read.Version.Version);
        Assert.Equal("silo-1", row.SiloName);
        Assert.Equal(1001, row.ProxyPort);
        Assert.Equal(Entry(1, SiloStatus.Joining).SiloAddress, row.SiloAddress);

        row.Status = SiloStatus.Active;
        row.AddOrUpdateSuspector(Entry(2, SiloStatus.Active).SiloAddress, new DateTime(2026, 12, 3, 12, 1, 0, DateTimeKind.Utc), 3);
        Assert.False(await other.UpdateRow(row, "not-the-etag", read.Version.Next()));
        Assert.True(await other.UpdateRow(row, etag, read.Version.Next()));
        Assert.False(await table.UpdateRow(row, etag, read.Version.Next()), "the row's ETag changed with the update");

        row.IAmAliveTime = new DateTime(2026, 12, 3, 12, 2, 0, DateTimeKind.Utc);
        await table.UpdateIAmAlive(row);
        var back = (await table.ReadRow(row.SiloAddress)).Members.Single().Item1;
        Assert.Equal(SiloStatus.Active, back.Status);
        Assert.Equal(row.IAmAliveTime, back.IAmAliveTime);
        Assert.Equal(Entry(2, SiloStatus.Active).SiloAddress, Assert.Single(back.SuspectTimes!).Item1);
    }

    [Fact]
    public async Task Grain_state_written_by_a_stale_activation_is_refused()
    {
        var storage = new FolderGrainStorage(new ClusterStorage(_folder.FullName));
        var grain = GrainId.Create("renderjob", "job/with:odd..chars");
        var first = new GrainState<Dictionary<string, int>> { State = new() { ["frames"] = 4 } };
        await storage.WriteStateAsync("job", grain, first);

        var second = new GrainState<Dictionary<string, int>> { State = [] };
        await storage.ReadStateAsync("job", grain, second);
        Assert.True(second.RecordExists);
        Assert.Equal(4, second.State["frames"]);

        second.State["frames"] = 8;
        await storage.WriteStateAsync("job", grain, second);
        first.State["frames"] = 5;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("job", grain, first));
        Assert.All(Directory.GetFiles(_folder.FullName, "*", SearchOption.AllDirectories), f => Assert.StartsWith(_folder.FullName, Path.GetFullPath(f), StringComparison.Ordinal));
    }
}
