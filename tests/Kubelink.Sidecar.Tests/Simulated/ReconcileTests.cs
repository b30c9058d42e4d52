using System.Text.Json.Nodes;
using Kubelink.Sidecar.Simulated;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

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

    [Fact]
    public async Task ReconcileLoop_NamespaceDeletedByHand_NoticedWithoutACall_EndpointKubeconfigAndStateGone()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bed = await AgentTestBed.StartAsync(time: time);
        var doomed = await bed.CreateReadyAsync("by-hand");
        await bed.CreateReadyAsync("bystander");
        var removed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bed.Agent.Keeper.Changed += state =>
        {
            if (!state.Clusters.ContainsKey("by-hand"))
            {
                removed.TrySetResult();
            }
        };
        await Kubectl.OutputAsync(bed.MainKubeconfig, "delete", "namespace", "cluster-by-hand");

        time.Advance(bed.Agent.Options.ReconcileInterval); // the loop's own pass, as after 30 s
        await Wait.For(removed.Task, "the cluster removed by the reconcile loop", TimeSpan.FromSeconds(60));

        Assert.Null(bed.Agent.EndpointOf("by-hand"));
        Assert.False(Directory.Exists(Path.GetDirectoryName(bed.Agent.Options.KubeconfigPath("by-hand"))));
        Assert.False(new AgentStateFile(bed.StateDir).Load().Clusters.ContainsKey("by-hand"));
        using var probe = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => probe.ConnectAsync(System.Net.IPAddress.Loopback, doomed.Port));
        using var missing = await bed.Http.GetAsync("/clusters/by-hand");
        Assert.Equal(404, (int)missing.StatusCode);
        Assert.Contains("bystander-pod1", await Kubectl.OutputAsync(bed.Agent.Options.KubeconfigPath("bystander"), "get", "pods"), StringComparison.Ordinal);
    }
}
