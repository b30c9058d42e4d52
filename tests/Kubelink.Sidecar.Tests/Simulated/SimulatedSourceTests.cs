using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Protocol.Resources;
using Kubelink.Protocol.Simulated;
using Kubelink.Sidecar.Tests.TestSupport;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Tests.Simulated;

/// <summary>Simulated clusters inside the sidecar: created over RPC, listed in the catalog, connected like any cluster, deleted.</summary>
public sealed class SimulatedSourceTests
{
    [Fact]
    public async Task Create_OverRpc_EntryBecomesReady_ConnectsAndListsItsPods_DeleteRemovesIt()
    {
        await using var sidecar = await InMemorySidecar.StartAsync();
        await sidecar.InitializeAsync();
        var ready = sidecar.CollectAsync<CatalogChangedParams>(Methods.CatalogChanged,
            c => c.Added.Concat(c.Updated).Any(e => e.Id == "simulated_rpc-one" && e.Source == "simulated, ready"));

        var created = await sidecar.Client.InvokeWithParameterObjectAsync<SimulatedClusterInfo>(Methods.SimulatedCreate, new SimulatedCreateParams { Name = "rpc-one" });
        Assert.Equal("creating", created.Status);
        await Wait.For(ready, "the simulated entry ready in catalog/changed", TimeSpan.FromSeconds(90));

        var entry = (await sidecar.Client.InvokeAsync<CatalogListResult>(Methods.CatalogList)).Clusters.Single(c => c.Id == created.CatalogId);
        Assert.Equal(ClusterSourceKind.Simulated, entry.SourceKind);
        var info = await Wait.For(sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterActivate, new ClusterActivateParams { ClusterId = entry.Id }), "activation");
        Assert.Equal(ClusterStatus.Ready, info.Status);
        var pods = await sidecar.Client.InvokeWithParameterObjectAsync<ResourceListResult>(Methods.ResourcesList,
            new ResourceListParams { ClusterId = entry.Id, Group = "", Version = "v1", Resource = "pods", Namespace = "cluster-rpc-one" });
        Assert.Equal(10, pods.Items.Count);
        Assert.Contains("rpc-one-node", await Kubectl.OutputAsync(created.Kubeconfig, "get", "nodes"), StringComparison.Ordinal);

        var duplicate = await Assert.ThrowsAsync<RemoteInvocationException>(() =>
            sidecar.Client.InvokeWithParameterObjectAsync<SimulatedClusterInfo>(Methods.SimulatedCreate, new SimulatedCreateParams { Name = "rpc-one" }));
        Assert.Equal(ErrorCodes.SimulatedExists, duplicate.ErrorCode);
        var invalid = await Assert.ThrowsAsync<RemoteInvocationException>(() =>
            sidecar.Client.InvokeWithParameterObjectAsync<SimulatedClusterInfo>(Methods.SimulatedCreate, new SimulatedCreateParams { Name = "No_Good" }));
        Assert.Equal(ErrorCodes.SimulatedInvalid, invalid.ErrorCode);

        var removed = sidecar.CollectAsync<CatalogChangedParams>(Methods.CatalogChanged, c => c.Removed.Contains(entry.Id));
        await sidecar.Client.InvokeWithParameterObjectAsync(Methods.SimulatedDelete, new SimulatedNameParams { Name = "rpc-one" });
        await Wait.For(removed, "the entry removed");
        var list = await sidecar.Client.InvokeAsync<SimulatedListResult>(Methods.SimulatedList);
        Assert.Empty(list.Clusters);
    }

    [Fact]
    public async Task TemplateFile_InTheStateFolder_ShapesNewClusters_ABrokenOneIsAClearError()
    {
        await using (var sidecar = await InMemorySidecar.StartAsync())
        {
            await sidecar.InitializeAsync();
            Directory.CreateDirectory(Path.Combine(sidecar.StateDir, "simulated"));
            await File.WriteAllTextAsync(Path.Combine(sidecar.StateDir, "simulated", "template.yaml"), "nodes:\n  count: 2\npods:\n  count: 3\n");
            var settled = sidecar.CollectAsync<CatalogChangedParams>(Methods.CatalogChanged,
                c => c.Added.Concat(c.Updated).Any(e => e.Id == "simulated_shaped" && e.Source == "simulated, ready"));
            await sidecar.Client.InvokeWithParameterObjectAsync<SimulatedClusterInfo>(Methods.SimulatedCreate, new SimulatedCreateParams { Name = "shaped" });
            await Wait.For(settled, "the cluster ready", TimeSpan.FromSeconds(90));
            var ready = (await sidecar.Client.InvokeAsync<SimulatedListResult>(Methods.SimulatedList)).Clusters.Single();
            Assert.Equal((2, 3), (ready.Nodes, ready.Pods));
        }

        await using var broken = await InMemorySidecar.StartAsync();
        await broken.InitializeAsync();
        var file = Path.Combine(broken.StateDir, "simulated", "template.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "nodes: [not, a, map");
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() =>
            broken.Client.InvokeWithParameterObjectAsync<SimulatedClusterInfo>(Methods.SimulatedCreate, new SimulatedCreateParams { Name = "any" }));
        Assert.Equal(ErrorCodes.SimulatedMainCluster, error.ErrorCode);
        Assert.Contains($"{file} is not a valid template", error.Message, StringComparison.Ordinal);
    }
}
