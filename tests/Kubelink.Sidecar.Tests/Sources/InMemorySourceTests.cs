using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Sources;
using Kubelink.Sidecar.Tests.Clusters;
using Kubelink.Sidecar.Tests.Health;
using Kubelink.Sidecar.Tests.Resources;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Kubelink.Sidecar.Tests.Sources;

/// <summary>
/// The seam, proven by a second cluster source that exists only in this file: an in-memory list of simulator clusters
/// registered with one line. Its entries appear in <c>catalog/list</c> beside the kubeconfig's, connect through the real
/// simulator over HTTPS, report health and serve resources like kubeconfig entries, and a new target reconnects them.
/// </summary>
public sealed class InMemorySourceTests
{
    [Fact]
    public async Task EntriesOfASecondSource_AreListedBesideTheKubeconfigOnes()
    {
        await using var bed = await StartAsync();
        var source = bed.Source();

        await source.PublishAsync(Entry(bed, "mem-admin", bed.Simulator.AddTokenUser("mem", ["system:masters"])));
        var list = await bed.Sidecar.Client.InvokeAsync<CatalogListResult>(Methods.CatalogList);

        var entry = Assert.Single(list.Clusters, c => c.SourceKind == ClusterSourceKind.Simulated);
        Assert.Equal("simulated_mem-admin", entry.Id);
        Assert.Equal(CatalogEntryState.Valid, entry.State);
        Assert.Contains(list.Clusters, c => c.ContextName == "sim-admin" && c.SourceKind == ClusterSourceKind.Kubeconfig);
    }

    [Fact]
    public async Task AnEntryOfASecondSource_ConnectsReportsHealthAndServesResources()
    {
        await using var bed = await StartAsync();
        await bed.Source().PublishAsync(Entry(bed, "mem-admin", bed.Simulator.AddTokenUser("mem", ["system:masters"])));

        var info = await bed.ConnectAsync("mem-admin"); // activation, then the monitor's first health event
        var pods = await bed.ListAsync(info.Id, "pods", "team-a");
        var kubectl = await Kubectl.OutputAsync(info.ProxyKubeconfigPath!, "get", "namespaces", "-o", "name");

        Assert.Equal(ClusterStatus.Ready, info.Status);
        Assert.True(info.IsAdmin);
        Assert.Equal(bed.Simulator.Store.List("v1", "Pod", "team-a").Count, pods.Items.Count);
        Assert.Contains("namespace/team-a", kubectl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewTarget_ForAConnectedEntry_ReconnectsWithIt()
    {
        await using var bed = await StartAsync(HealthSettings.Fast);
        var source = bed.Source();
        await source.PublishAsync(Entry(bed, "mem-admin", bed.Simulator.AddTokenUser("mem", ["system:masters"])));
        var info = await bed.ConnectAsync("mem-admin");

        var rotated = bed.Simulator.AddTokenUser("mem-rotated", ["system:masters"]);
        await source.PublishAsync(Entry(bed, "mem-admin", rotated));
        var events = await bed.NextAsync(3);
        await Wait.Until(() => bed.Sidecar.Seen<ClusterStageParams>(Methods.ClusterStage).Any(s => s.ClusterId == info.Id && s.Stage == "connection"), "the stage log line of the reconnect");

        Assert.Equal(["disconnected/kubeconfig/0/-/1", "reconnecting/kubeconfig/1/+/1", "ready/-/0/-/2"], events);
        Assert.Equal(new BearerTokenCredentials(rotated), bed.Session(info.Id).Target.Credentials);
    }

    private static async Task<ClusterTestBed> StartAsync(Kubelink.Protocol.Lifecycle.SidecarSettings? settings = null) =>
        await ClusterTestBed.StartAsync(settings: settings, configure: services => services.AddClusterSource<InMemorySource>());

    private static (CatalogEntry Entry, ConnectionTarget Target) Entry(ClusterTestBed bed, string name, string token) => (
        new CatalogEntry
        {
            Id = $"simulated_{name}",
            SourceKind = ClusterSourceKind.Simulated,
            Name = name,
            ContextName = name,
            Source = "in-memory",
            SourceGroup = "in-memory",
            Server = bed.Simulator.BaseAddress.ToString(),
            User = "mem",
            Namespace = "team-a",
            State = CatalogEntryState.Valid,
            Error = null,
            IsCurrentContext = false,
            Line = null,
        },
        new ConnectionTarget
        {
            Server = bed.Simulator.BaseAddress,
            Tls = new TlsOptions { CertificateAuthority = PemSource.FromText(bed.Simulator.CaCertificatePem) },
            Credentials = new BearerTokenCredentials(token),
        });
}

/// <summary>A cluster source held in memory: what a test publishes is the whole source.</summary>
internal sealed class InMemorySource : IClusterSource
{
    public ClusterSourceKind Kind => ClusterSourceKind.Simulated;

    public SourceSnapshot Current { get; private set; } = SourceSnapshot.Empty;

    public Task Ready => Task.CompletedTask;

    public event Func<SourceSnapshot, Task>? Changed;

    public Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Replaces every entry with this one and publishes it (the catalog has merged it when this completes).</summary>
    public Task PublishAsync((CatalogEntry Entry, ConnectionTarget Target) item)
    {
        Current = new SourceSnapshot([item.Entry], new Dictionary<string, ConnectionTarget> { [item.Entry.Id] = item.Target });
        return SourceEvents.RaiseAsync(Changed, Current);
    }
}

internal static class InMemorySourceBed
{
    public static InMemorySource Source(this ClusterTestBed bed) => bed.Sidecar.Host.Services.GetRequiredService<InMemorySource>();
}
