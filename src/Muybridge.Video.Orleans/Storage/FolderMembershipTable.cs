using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Muybridge.Video.Orleans.Storage;

/// <summary>
/// The cluster's membership as one JSON file in the shared folder, every change made under a lock and checked against
/// the table version Orleans read (the same contract as the ADO.NET and Redis tables), written through a rename.
/// </summary>
internal sealed class FolderMembershipTable(ClusterStorage storage, IOptions<ClusterOptions> cluster) : IMembershipTable
{
    private readonly string _path = storage.MembershipFile(cluster.Value.ClusterId);

    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        storage.EnsureReachable();
        if (tryInitTableVersion)
        {
            using var held = await LockAsync().ConfigureAwait(false);
            if (!File.Exists(_path))
            {
                await SaveAsync(new Table()).ConfigureAwait(false);
            }
        }
    }

    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        using var held = await LockAsync().ConfigureAwait(false);
        File.Delete(_path);
    }

    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        using var held = await LockAsync().ConfigureAwait(false);
        var table = await LoadAsync().ConfigureAwait(false);
        var removed = table.Rows.RemoveAll(r => r.Status != (int)SiloStatus.Active && Latest(r) < beforeDate.UtcDateTime);
        if (removed > 0)
        {
            await SaveAsync(table).ConfigureAwait(false);
        }
    }

    public async Task<MembershipTableData> ReadRow(SiloAddress key)
    {
        var table = await LoadAsync().ConfigureAwait(false);
        var version = table.Version();
        var row = table.Rows.Find(r => r.Address == key.ToParsableString());
        return row is null ? new MembershipTableData(version) : new MembershipTableData(Tuple.Create(row.ToEntry(), row.ETag), version);
    }

    public async Task<MembershipTableData> ReadAll()
    {
        var table = await LoadAsync().ConfigureAwait(false);
        return new MembershipTableData(table.Rows.Select(r => Tuple.Create(r.ToEntry(), r.ETag)).ToList(), table.Version());
    }

    public async Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion)
    {
        using var held = await LockAsync().ConfigureAwait(false);
        var table = await LoadAsync().ConfigureAwait(false);
        var address = entry.SiloAddress.ToParsableString();
        if (table.TableVersion != tableVersion.Version - 1 || table.Rows.Exists(r => r.Address == address))
        {
            return false;
        }

        table.Rows.Add(Row.From(entry));
        table.TableVersion = tableVersion.Version;
        await SaveAsync(table).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion)
    {
        using var held = await LockAsync().ConfigureAwait(false);
        var table = await LoadAsync().ConfigureAwait(false);
        var address = entry.SiloAddress.ToParsableString();
        var at = table.Rows.FindIndex(r => r.Address == address);
        if (table.TableVersion != tableVersion.Version - 1 || at < 0 || table.Rows[at].ETag != etag)
        {
            return false;
        }

        table.Rows[at] = Row.From(entry);
        table.TableVersion = tableVersion.Version;
        await SaveAsync(table).ConfigureAwait(false);
        return true;
    }

    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        using var held = await LockAsync().ConfigureAwait(false);
        var table = await LoadAsync().ConfigureAwait(false);
        var address = entry.SiloAddress.ToParsableString();
        var row = table.Rows.Find(r => r.Address == address)
            ?? throw new ClusterStorageException($"The silo {address} is not in the membership table '{_path}'.");

        // Only the heartbeat: the row's ETag stays, as in the ADO.NET table, so a vote in flight is not refused for it.
        row.IAmAliveTime = entry.IAmAliveTime;
        await SaveAsync(table).ConfigureAwait(false);
    }

    private static DateTime Latest(Row row) => row.IAmAliveTime > row.StartTime ? row.IAmAliveTime : row.StartTime;

    private Task<FolderLock> LockAsync() => FolderLock.AcquireAsync(_path + ".lock");

    private async Task<Table> LoadAsync()
    {
        if (!File.Exists(_path))
        {
            return new Table();
        }

        return JsonSerializer.Deserialize<Table>(await File.ReadAllTextAsync(_path).ConfigureAwait(false))
            ?? throw new ClusterStorageException($"The membership table '{_path}' is empty.");
    }

    private Task SaveAsync(Table table) => FolderLock.ReplaceAsync(_path, JsonSerializer.Serialize(table));

    private sealed class Table
    {
        public int TableVersion { get; set; }

        public List<Row> Rows { get; set; } = [];

        public TableVersion Version() => new(TableVersion, TableVersion.ToString(CultureInfo.InvariantCulture));
    }

    // MembershipEntry holds addresses and tuples: rows keep them as parsable strings, so any silo's JSON reads back.
    private sealed class Row
    {
        public string Address { get; set; } = "";

        public string ETag { get; set; } = "";

        public int Status { get; set; }

        public List<Suspicion> Suspects { get; set; } = [];

        public int ProxyPort { get; set; }

        public string HostName { get; set; } = "";

        public string SiloName { get; set; } = "";

        public string? RoleName { get; set; }

        public int UpdateZone { get; set; }

        public int FaultZone { get; set; }

        public DateTime StartTime { get; set; }

        public DateTime IAmAliveTime { get; set; }

        public static Row From(MembershipEntry entry) => new()
        {
            Address = entry.SiloAddress.ToParsableString(),
            ETag = Guid.NewGuid().ToString("N"),
            Status = (int)entry.Status,
            Suspects = entry.SuspectTimes?.Select(s => new Suspicion(s.Item1.ToParsableString(), s.Item2)).ToList() ?? [],
            ProxyPort = entry.ProxyPort,
            HostName = entry.HostName,
            SiloName = entry.SiloName,
            RoleName = entry.RoleName,
            UpdateZone = entry.UpdateZone,
            FaultZone = entry.FaultZone,
            StartTime = entry.StartTime,
            IAmAliveTime = entry.IAmAliveTime,
        };

        public MembershipEntry ToEntry() => new()
        {
            SiloAddress = SiloAddress.FromParsableString(Address),
            Status = (SiloStatus)Status,
            SuspectTimes = Suspects.Select(s => Tuple.Create(SiloAddress.FromParsableString(s.Silo), s.Time)).ToList(),
            ProxyPort = ProxyPort,
            HostName = HostName,
            SiloName = SiloName,
            RoleName = RoleName,
            UpdateZone = UpdateZone,
            FaultZone = FaultZone,
            StartTime = StartTime,
            IAmAliveTime = IAmAliveTime,
        };
    }

    private sealed record Suspicion(string Silo, DateTime Time);
}
