using System.Text.Json.Nodes;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Simulated;

/// <summary>The reconcile pass: drift repaired, missing objects recreated, a namespace deleted by hand deletes the cluster.</summary>
public sealed class ReconcileTests
{
    [Fact]
    public async Task Reconcile_DriftedNodeStatusAndDeletedPod_Repaired()
    {
        await using var bed = await AgentTestBed.StartAsync();
        await bed.CreateReadyAsync("drift");
        var main = bed.MainKubeconfig;
        await Kubectl.OutputAsync(main, "patch", "node", "drift-node2", "--subresource=status", "--type=merge", "-p", """{"status":{"capacity":{"cpu":"1"}}}""");
        await Kubectl.OutputAsync(main, "delete", "pod", "-n", "cluster-drift", "drift-pod4");

        await bed.Agent.ReconcileAllAsync();

        var node = JsonNode.Parse(await Kubectl.OutputAsync(main, "get", "node", "drift-node2", "-o", "json"))!;
        Assert.Equal("8", node["status"]!["capacity"]!["cpu"]!.ToString());
        Assert.Contains("drift-pod4", await Kubectl.OutputAsync(main, "get", "pods", "-n", "cluster-drift", "-o", "name"));
    }

    [Fact]
    public async Task Reconcile_NamespaceDeletedByHand_ClusterRemoved()
    {
        await using var bed = await AgentTestBed.StartAsync();
        await bed.CreateReadyAsync("gone");
        await bed.CreateReadyAsync("kept");
        await Kubectl.OutputAsync(bed.MainKubeconfig, "delete", "namespace", "cluster-gone");

        await bed.Agent.ReconcileAllAsync();

        Assert.Null(bed.Agent.Get("gone"));
        Assert.Empty(JsonNode.Parse(await Kubectl.OutputAsync(bed.MainKubeconfig, "get", "nodes", "-l", "cluster-id=gone", "-o", "json"))!["items"]!.AsArray());
        Assert.Contains("kept-pod1", await Kubectl.OutputAsync(bed.Agent.Options.KubeconfigPath("kept"), "get", "pods"));
    }
}
