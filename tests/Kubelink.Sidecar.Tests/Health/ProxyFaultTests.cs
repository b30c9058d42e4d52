using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Health;
using Kubelink.Sidecar.Kube;
using Kubelink.Sidecar.Proxy;
using Kubelink.Sidecar.Sources;
using Kubelink.Sidecar.Tests.Clusters;
using Microsoft.Extensions.DependencyInjection;

namespace Kubelink.Sidecar.Tests.Health;

/// <summary>kubectl's failures are health evidence: the proxy reports an upstream network failure to the cluster's link.</summary>
public sealed class ProxyFaultTests
{
    [Fact]
    public async Task ForwardingToARefusingServer_ReportsAFaultWithTheRoutesGeneration()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        await bed.ActivateAsync("sim-restricted"); // starts the proxy listener
        var services = bed.Sidecar.Host.Services;
        var target = services.GetRequiredService<ClusterCatalog>().Current.Targets[await bed.IdOfAsync("sim-admin")];
        using var transport = services.GetRequiredService<TransportFactory>().Create(target);
        var link = new RecordingLink(generation: 7);
        var route = new ProxyRoute("recorded", transport, link);
        services.GetRequiredService<ProxyRoutes>().Open(route);
        await bed.Simulator.Faults.RefuseConnectionsAsync();

        using var api = KubeApi.ForRoute(services.GetRequiredService<ProxyServer>(), "recorded", route.Token);
        var error = await Assert.ThrowsAsync<KubeApiException>(() => api.GetAsync("version", null, CancellationToken.None));

        Assert.Equal("refused", error.Cause.ToWire());
        Assert.Equal([(7L, "refused")], link.Faults);
    }

    /// <summary>Records what the proxy reports; the real link (a cluster session) would wake its monitor.</summary>
    private sealed class RecordingLink(long generation) : IClusterLink
    {
        public List<(long, string)> Faults { get; } = [];

        public string ClusterId => "recorded";

        public long Generation => generation;

        public ClusterHealth Health => throw new NotSupportedException();

        public HttpClient CreateClient(TimeSpan? timeout = null) => throw new NotSupportedException();

        public void ReportFault(long generation, FaultCause cause)
        {
            lock (Faults)
            {
                Faults.Add((generation, cause.ToWire()));
            }
        }

#pragma warning disable CS0067 // the proxy never subscribes
        public event Action<long>? Recovered;

        public event Action<ClusterHealth>? HealthChanged;
#pragma warning restore CS0067
    }
}
