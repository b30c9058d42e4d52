using System.Text.Json.Nodes;
using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Protocol.GraphQL;
using Kubelink.Sidecar.Tests.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.ClusterAccess;

/// <summary>
/// The ClusterAccess cluster source: the simulator is the management cluster (connected as admin) and the target; the
/// clusters its ClusterAccess objects register are catalog entries of kind ClusterAccess, connectable like any other.
/// </summary>
public sealed class ClusterAccessSourceTests
{
    private static Task<CatalogListResult> RefreshAsync(ClusterTestBed bed) =>
        Wait.For(bed.Sidecar.Client.InvokeAsync<CatalogListResult>(Methods.CatalogRefresh), "catalog/refresh");

    [Fact]
    public async Task RegisteredClusters_AreEntries_OfTheManagementCluster_ConnectableOrSayingWhyNot_AndGoWithIt()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var management = await bed.ActivateAsync("sim-admin");
        // No ClusterAccess kind yet: a connected cluster is no management cluster, and lists nothing.
        Assert.DoesNotContain((await RefreshAsync(bed)).Clusters, c => c.SourceKind == ClusterSourceKind.ClusterAccess);

        await Kubectl.OutputAsync(Path.Combine(bed.Kubeconfigs, "admin.yaml"), "apply", "-f", Path.Combine(AppContext.BaseDirectory, "deploy", "crd-clusteraccess.yaml"));
        await bed.Sidecar.Client.InvokeWithParameterObjectAsync<GraphQLRegisterResult>(Methods.GraphQLRegister,
            new GraphQLRegisterParams { ClusterId = await bed.IdOfAsync("sim-restricted"), ManagementClusterId = management.Id, Name = "ca-restricted" });
        bed.Simulator.Store.Create(new JsonObject
        {
            ["apiVersion"] = "gateway.platform-mesh.io/v1alpha1",
            ["kind"] = "ClusterAccess",
            ["metadata"] = new JsonObject { ["name"] = "ca-broken" },
            ["spec"] = new JsonObject { ["host"] = bed.Simulator.BaseAddress.ToString(), ["auth"] = new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "no-such-secret" } } },
        });

        var entries = (await RefreshAsync(bed)).Clusters.Where(c => c.SourceKind == ClusterSourceKind.ClusterAccess).ToList();

        var registered = Assert.Single(entries, c => c.Name == "ca-restricted");
        Assert.Equal($"clusteraccess_{management.Id}_ca-restricted", registered.Id);
        Assert.Equal(CatalogEntryState.Valid, registered.State);
        Assert.Equal("sim-admin", registered.SourceGroup);
        Assert.Equal("token", registered.User);
        var broken = Assert.Single(entries, c => c.Name == "ca-broken");
        Assert.Equal(CatalogEntryState.Invalid, broken.State);
        Assert.Equal(KubeconfigProblem.ClusterAccessUnresolved, broken.Error!.Code);
        Assert.Contains("Secret default/no-such-secret does not exist", broken.Error.Message, StringComparison.Ordinal);

        // Connectable like any cluster, with the identity the ClusterAccess stores: the restricted user's token, which may
        // only read team-a and team-b (so it names its namespace, as for its kubeconfig context).
        var connect = new ClusterActivateParams { ClusterId = registered.Id, AccessibleNamespaces = ["team-a"] };
        var connected = await Wait.For(bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterActivate, connect), "activation of the registered cluster");
        Assert.Equal(ClusterStatus.Ready, connected.Status);
        await bed.Sidecar.Client.InvokeWithParameterObjectAsync(Methods.ClusterDeactivate, new ClusterIdParams { ClusterId = registered.Id });

        // The management cluster disconnected: its registered clusters leave the catalog.
        await bed.Sidecar.Client.InvokeWithParameterObjectAsync(Methods.ClusterDeactivate, new ClusterIdParams { ClusterId = management.Id });
        Assert.DoesNotContain((await RefreshAsync(bed)).Clusters, c => c.SourceKind == ClusterSourceKind.ClusterAccess);
    }

    [Fact]
    public async Task ConnectingTheManagementCluster_ListsItsRegisteredClusters_WithNoRefresh()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        await Kubectl.OutputAsync(Path.Combine(bed.Kubeconfigs, "admin.yaml"), "apply", "-f", Path.Combine(AppContext.BaseDirectory, "deploy", "crd-clusteraccess.yaml"));
        bed.Simulator.Store.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "early-token", ["namespace"] = "default" },
            ["data"] = new JsonObject { ["token"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(bed.RestrictedToken)) },
        });
        bed.Simulator.Store.Create(new JsonObject
        {
            ["apiVersion"] = "gateway.platform-mesh.io/v1alpha1",
            ["kind"] = "ClusterAccess",
            ["metadata"] = new JsonObject { ["name"] = "ca-early" },
            ["spec"] = new JsonObject { ["host"] = bed.Simulator.BaseAddress.ToString(), ["auth"] = new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "early-token" } } },
        });
        var catalog = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Kubelink.Sidecar.Sources.ClusterCatalog>(bed.Sidecar.Host.Services);

        var management = await bed.ActivateAsync("sim-admin");

        // The route opening is what makes the source read: no catalog/refresh and no periodic tick (30 s) is awaited here.
        await Wait.Until(() => catalog.Current.Find($"clusteraccess_{management.Id}_ca-early") is { State: CatalogEntryState.Valid }, "the registered cluster in the catalog");
    }
}
