using System.Net;
using System.Net.Sockets;
using Kubelink.Sidecar.Simulated;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Kubelink.Sidecar.Tests.Simulated;

/// <summary>
/// The probe's self-heal (issue 15, "a probe per proxy that restarts a failed listener, on a new port if it must"): a
/// cluster's listener is stopped behind the agent's back, as a crash would; the probe brings it back and the real kubectl
/// works through the kubeconfig the agent rewrote. The loops run on a fake clock, so nothing races the test's squatter.
/// </summary>
public sealed class EndpointProbeTests
{
    [Fact]
    public async Task DeadListener_PortTakenBySomeoneElse_ProbeLoopMovesIt_StateKubeconfigAndKubectlFollow()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bed = await AgentTestBed.StartAsync(time: time);
        var before = await bed.CreateReadyAsync("probe-moved");
        await bed.Agent.EndpointOf("probe-moved")!.DisposeAsync();
        // Another program binds the port at once. It accepts TCP connections (the kernel's backlog), so a probe that only
        // connects would call the endpoint alive; only the TLS identity tells it is not ours.
        using var squatter = new TcpListener(IPAddress.Loopback, before.Port);
        squatter.Start();

        var moved = new TaskCompletionSource<SimulatedCluster>(TaskCreationOptions.RunContinuationsAsynchronously);
        bed.Agent.Keeper.Changed += state =>
        {
            if (state.Clusters.GetValueOrDefault("probe-moved") is { } c && c.Port != before.Port)
            {
                moved.TrySetResult(c);
            }
        };
        time.Advance(bed.Agent.Options.ProbeInterval); // one probe pass (reconcile is 30 s away)
        var after = await Wait.For(moved.Task, "the endpoint moved by the probe", TimeSpan.FromSeconds(60));

        Assert.Contains($"port {before.Port} was taken by another program; the endpoint moved to {after.Port}", after.Reason, StringComparison.Ordinal);
        Assert.Equal(after.Port, bed.Agent.EndpointOf("probe-moved")!.Port);
        var saved = new AgentStateFile(bed.StateDir).Load().Clusters["probe-moved"];
        Assert.Equal(after.Port, saved.Port);
        var kubeconfig = bed.Agent.Options.KubeconfigPath("probe-moved");
        Assert.Contains($"https://127.0.0.1:{after.Port}", await File.ReadAllTextAsync(kubeconfig), StringComparison.Ordinal);
        Assert.Contains("probe-moved-node1", await Kubectl.OutputAsync(kubeconfig, "get", "nodes"), StringComparison.Ordinal);
        var shown = await bed.GetAsync("probe-moved");
        Assert.Equal(after.Port, (int)shown["port"]!);
        Assert.Equal("ready", shown["status"]!.ToString());
    }

    [Fact]
    public async Task DeadListener_PortFree_ProbeRestartsItOnTheSamePort_KubectlWorksAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bed = await AgentTestBed.StartAsync(time: time);
        var before = await bed.CreateReadyAsync("probe-same");
        var kubeconfig = bed.Agent.Options.KubeconfigPath("probe-same");
        var dead = bed.Agent.EndpointOf("probe-same")!;
        await dead.DisposeAsync();
        var (refused, _, why) = await Kubectl.RunAsync(kubeconfig, "get", "nodes", "--request-timeout=5s");
        Assert.True(refused != 0, "kubectl must fail while the listener is dead");
        Assert.Contains("refused", why, StringComparison.Ordinal);

        await bed.Agent.ProbeAllAsync();

        var restarted = bed.Agent.EndpointOf("probe-same")!;
        Assert.NotSame(dead, restarted);
        Assert.Equal(before.Port, restarted.Port);
        Assert.Null(bed.Agent.Get("probe-same")!.Reason);
        Assert.Contains("probe-same-node1", await Kubectl.OutputAsync(kubeconfig, "get", "nodes"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveListener_ProbeLeavesItAlone()
    {
        await using var bed = await AgentTestBed.StartAsync(time: new FakeTimeProvider(DateTimeOffset.UtcNow));
        await bed.CreateReadyAsync("probe-live");
        var live = bed.Agent.EndpointOf("probe-live")!;

        await bed.Agent.ProbeAllAsync();

        Assert.Same(live, bed.Agent.EndpointOf("probe-live"));
    }
}
