using Kubelink.Simulator.Network;

namespace Kubelink.Sidecar.Tests.Clusters;

/// <summary>A <see cref="DelayRelay"/> (no delay) in front of the bed's simulator, and a kubeconfig context (sim-relay, the admin) that goes through it.</summary>
internal static class RelayedCluster
{
    public static async Task<DelayRelay> StartAsync(ClusterTestBed bed)
    {
        var relay = new DelayRelay(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, bed.Simulator.BaseAddress.Port), TimeSpan.Zero);
        relay.Start();
        var path = Path.Combine(bed.Kubeconfigs, "relay.yaml");
        bed.Simulator.WriteKubeconfig(path, "admin", "sim-relay", "default");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace(bed.Simulator.BaseAddress.Authority, relay.BaseAddress.Authority, StringComparison.Ordinal));
        await bed.SyncAsync();
        return relay;
    }
}
