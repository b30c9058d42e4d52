using System.Text.Json.Nodes;
using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Protocol.Lifecycle;
using Kubelink.Sidecar.Clusters.Activation;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Clusters;

/// <summary>Version, node count and distribution: read at ready, then refreshed on the configured interval.</summary>
public sealed class MetadataRefreshTests
{
    [Fact]
    public async Task Ready_ThenEveryInterval_MetadataIsRefreshed()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: new SidecarSettings { ClusterRefreshIntervalSeconds = 1 });
        var first = bed.Sidecar.CollectAsync<ClusterStageParams>(Methods.ClusterStage, s => s.Stage == "metadata");

        var info = await bed.ActivateAsync("sim-admin");
        await Wait.For(first, "the first metadata refresh");
        var before = await Get(bed, info.Id);
        var second = bed.Sidecar.CollectAsync<ClusterStageParams>(Methods.ClusterStage, s => s.Stage == "metadata" && s.Message.Contains("3 nodes", StringComparison.Ordinal));
        bed.Simulator.Store.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = "added-later" },
        });
        await Wait.For(second, "a refresh that sees the new node");
        var after = await Get(bed, info.Id);

        Assert.Equal(2, before.NodeCount);
        Assert.Equal("vanilla", before.Distribution);
        Assert.NotNull(before.MetadataRefreshedAt);
        Assert.Equal(3, after.NodeCount);
    }

    [Theory]
    [InlineData("v1.29.3-eks-adc7111", null, "eks")]
    [InlineData("v1.30.2-gke.1587003", null, "gke")]
    [InlineData("v1.30.4+k3s1", null, "k3s")]
    [InlineData("v1.31.0", "azure:///subscriptions/x", "aks")]
    [InlineData("v1.31.0", "kind://docker/kind/kind-control-plane", "kind")]
    [InlineData("v1.31.0", null, "vanilla")]
    public void Distribution_IsGuessedFromVersionAndNode(string version, string? providerId, string expected)
    {
        var node = providerId is null ? null : new JsonObject { ["spec"] = new JsonObject { ["providerID"] = providerId } };

        Assert.Equal(expected, MetadataRefresh.Distribution(version, node));
    }

    private static Task<ClusterInfo> Get(ClusterTestBed bed, string id) =>
        bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterGet, new ClusterIdParams { ClusterId = id });
}
