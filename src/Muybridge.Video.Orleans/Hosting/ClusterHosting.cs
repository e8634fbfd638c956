using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Muybridge.Video.Orleans.Rendering;
using Muybridge.Video.Orleans.Storage;
using Muybridge.Video.Orleans.Workers;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime.Hosting;

namespace Muybridge.Video.Orleans;

/// <summary>Sets a silo or a client up for rendering on a cluster whose state lives in a shared folder.</summary>
public static class ClusterHosting
{
    /// <summary>The grain storage the job grains persist to.</summary>
    public const string StorageName = "muybridge-jobs";

    /// <summary>The cluster every silo and client joins unless told otherwise.</summary>
    public const string DefaultClusterId = "muybridge";

    /// <summary>
    /// A silo of a standalone cluster: membership and job state in <paramref name="storage"/>, reachable at
    /// <paramref name="address"/> on <paramref name="siloPort"/> (silos) and <paramref name="gatewayPort"/> (clients),
    /// rendering with <paramref name="renderer"/>.
    /// </summary>
    public static ISiloBuilder UseMuybridgeCluster(this ISiloBuilder silo, ClusterStorage storage, ISegmentRenderer renderer, IPAddress address, int siloPort, int gatewayPort, string clusterId = DefaultClusterId, int segmentsAtOnce = 0)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(storage);
        storage.EnsureReachable();
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, "muybridge"))
            .ConfigureEndpoints(address, siloPort, gatewayPort)
            .ConfigureServices(services => services.AddSingleton<IMembershipTable, FolderMembershipTable>());
        return silo.AddMuybridgeRendering(storage, renderer, segmentsAtOnce);
    }

    /// <summary>
    /// The render grains and their folder storage, on a silo whose clustering is set up elsewhere (a test cluster,
    /// Kubernetes, ADO.NET). <paramref name="segmentsAtOnce"/> segments render here at a time (0: one per two cores).
    /// </summary>
    public static ISiloBuilder AddMuybridgeRendering(this ISiloBuilder silo, ClusterStorage storage, ISegmentRenderer renderer, int segmentsAtOnce = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(segmentsAtOnce);
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(renderer);
        return silo.ConfigureServices(services => services
            .AddSingleton(storage)
            .AddSingleton(renderer)
            .AddSingleton(new SegmentSlots(segmentsAtOnce > 0 ? segmentsAtOnce : Math.Max(1, Environment.ProcessorCount / 2)))
            .AddGrainStorage(StorageName, (_, _) => new FolderGrainStorage(storage)));
    }

    /// <summary>A client of the cluster whose membership lives in <paramref name="storage"/>.</summary>
    public static IClientBuilder UseMuybridgeCluster(this IClientBuilder client, ClusterStorage storage, string clusterId = DefaultClusterId)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(storage);
        storage.EnsureReachable();
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, "muybridge"));
        return client.ConfigureServices(services => services
            .AddSingleton(storage)
            .AddSingleton<IGatewayListProvider, FolderGatewayListProvider>());
    }
}
