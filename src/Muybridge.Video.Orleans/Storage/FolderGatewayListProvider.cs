using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;

namespace Muybridge.Video.Orleans.Storage;

/// <summary>The gateways a client may connect to: the active silos in the shared membership table.</summary>
internal sealed class FolderGatewayListProvider(ClusterStorage storage, IOptions<ClusterOptions> cluster, IOptions<GatewayOptions> gateways) : IGatewayListProvider
{
    private readonly FolderMembershipTable _table = new(storage, cluster);

    public TimeSpan MaxStaleness => gateways.Value.GatewayListRefreshPeriod;

    [Obsolete("Orleans treats every provider as updatable.")]
    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider()
    {
        storage.EnsureReachable();
        return Task.CompletedTask;
    }

    public async Task<IList<Uri>> GetGateways()
    {
        var all = await _table.ReadAll().ConfigureAwait(false);
        return [.. all.Members
            .Where(m => m.Item1.Status == SiloStatus.Active && m.Item1.ProxyPort != 0)
            .Select(m => SiloAddress.New(m.Item1.SiloAddress.Endpoint.Address, m.Item1.ProxyPort, m.Item1.SiloAddress.Generation).ToGatewayUri())];
    }
}
