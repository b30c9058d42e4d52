using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Kubelink.Sidecar.Simulated.Rancher;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Kubelink.Sidecar.Tests.Simulated.Rancher;

/// <summary>
/// The seed's Rancher path against the fake Rancher: import (v3 calls, the YAML applied scoped to the tenant, the token
/// read back), both tunnels up with Rancher's own checks passing through them, reconnects with back-off on an injected
/// clock, and a deletion on the Rancher side removing the cluster here.
/// </summary>
public sealed class RancherImportTests
{
    [Fact]
    public async Task Import_BothTunnelsUp_RancherDialsReachTheApi_YamlScopedToTheTenant()
    {
        await using var rancher = await FakeRancher.StartAsync();
        await using var bed = await AgentTestBed.StartAsync(rancher: rancher.Settings());
        var cluster = await bed.CreateReadyAsync("imported");
        var connected = await bed.UntilAsync("imported", c => c?.Rancher.State == "connected", "Rancher connected");
        var fake = rancher.Named("imported")!;
        Assert.Equal(fake.Id, connected!.Rancher.ClusterId);

        // Rancher's checks as it runs them once each session is up: /readyz over TLS (the CA of the params), /ping.
        string[] checks = [await NextCheckAsync(fake), await NextCheckAsync(fake)];
        Assert.Contains("readyz 200 ok", checks);
        Assert.Contains("ping 200 pong", checks);
        Assert.Equal(new TunnelParams($"127.0.0.1:{cluster.Port}", cluster.Token, bed.Agent.CaPem), fake.Params! with { CaPem = fake.Params!.CaPem });
        Assert.Equal(bed.Agent.CaPem.Trim(), fake.Params.CaPem.Trim());
        Assert.Equal("/v3/connect/register", fake.AgentPaths[0]);
        Assert.Equal((200, "ok"), await fake.ReadyzAsync());
        var (refused, _) = await fake.Agent!.DialAsync("10.1.2.3:443"); // not the cluster's endpoint: refused
        Assert.Contains("not allowed", await Wait.For(fake.Agent.ErrorFor(refused), "the refused dial"), StringComparison.Ordinal);

        var shown = await bed.GetAsync("imported");
        Assert.Equal("connected", shown["rancher"]!["state"]!.ToString());
        Assert.Equal(fake.Id, shown["rancher"]!["clusterId"]!.ToString());

        // The import YAML, scoped: namespaced objects in the tenant namespace, cluster-scoped ones prefixed, no cattle-system.
        var main = bed.MainKubeconfig;
        var secrets = await Kubectl.OutputAsync(main, "get", "secrets", "-n", "cluster-imported", "-o", "name");
        Assert.Contains("secret/cattle-credentials-", secrets, StringComparison.Ordinal);
        Assert.Contains("secret/stv-aggregation", secrets, StringComparison.Ordinal);
        Assert.DoesNotContain("namespace/cattle-system", await Kubectl.OutputAsync(main, "get", "namespaces", "-o", "name"), StringComparison.Ordinal);
        var binding = JsonNode.Parse(await Kubectl.OutputAsync(main, "get", "clusterrolebinding", "imported-cattle-admin-binding", "-o", "json"))!;
        Assert.Equal("imported-cattle-admin", binding["roleRef"]!["name"]!.ToString());
        Assert.Equal("cluster-imported", binding["subjects"]![0]!["namespace"]!.ToString());
        Assert.Contains("imported-cattle-admin", await Kubectl.OutputAsync(main, "get", "clusterroles", "-l", "cluster-id=imported", "-o", "name"), StringComparison.Ordinal);
        Assert.Equal("0", await Kubectl.OutputAsync(main, "get", "deployment", "cattle-cluster-agent", "-n", "cluster-imported", "-o", "jsonpath={.spec.replicas}"));
    }

    [Fact]
    public async Task DeletedInRancher_WatcherRemovesTheCluster_ProxyTenantAndState()
    {
        await using var rancher = await FakeRancher.StartAsync();
        await using var bed = await AgentTestBed.StartAsync(rancher: rancher.Settings());
        var cluster = await bed.CreateReadyAsync("doomed");
        await bed.UntilAsync("doomed", c => c?.Rancher.State == "connected", "Rancher connected");
        var kubeconfig = bed.Agent.Options.KubeconfigPath("doomed");

        rancher.Delete(rancher.Named("doomed")!);
        await bed.Agent.WatchRancherAsync();
        await bed.UntilAsync("doomed", c => c is null, "the cluster to be gone from the state");

        var main = bed.MainKubeconfig;
        Assert.DoesNotContain("cluster-doomed", await Kubectl.OutputAsync(main, "get", "namespaces", "-o", "name"), StringComparison.Ordinal);
        Assert.Equal("", (await Kubectl.OutputAsync(main, "get", "nodes,clusterroles,clusterrolebindings", "-l", "cluster-id=doomed", "-o", "name")).Trim());
        Assert.False(File.Exists(kubeconfig));
        using var probe = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync("127.0.0.1", cluster.Port));
        using var gone = await bed.Http.GetAsync("/clusters/doomed");
        Assert.Equal(404, (int)gone.StatusCode);
    }

    [Fact]
    public async Task TunnelDropped_ReconnectsWithGrowingJitteredDelays_OnTheInjectedClock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var rancher = await FakeRancher.StartAsync();
        await using var bed = await AgentTestBed.StartAsync(time: clock, rancher: rancher.Settings());
        await bed.CreateReadyAsync("flaky");
        await bed.UntilAsync("flaky", c => c?.Rancher.State == "connected", "Rancher connected");
        var fake = rancher.Named("flaky")!;
        var delays = Channel.CreateUnbounded<TimeSpan>();
        bed.Agent.RancherRetryScheduled += (_, tunnel, delay) =>
        {
            if (tunnel == RancherTunnels.ClusterTunnel)
            {
                delays.Writer.TryWrite(delay);
            }
        };

        rancher.RefuseTunnels = true;
        fake.Agent!.Socket.Abort(); // a load balancer drops the link
        var down = await bed.UntilAsync("flaky", c => c?.Rancher.State == "disconnected", "Rancher disconnected");
        Assert.StartsWith("cluster-agent tunnel: ", down!.Rancher.Reason, StringComparison.Ordinal);

        var seen = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var delay = await Wait.For(delays.Reader.ReadAsync().AsTask(), $"retry {attempt}");
            var ceiling = TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
            Assert.InRange(delay, ceiling / 2, ceiling);
            seen.Add(delay);
            if (attempt == 5)
            {
                rancher.RefuseTunnels = false;
            }
            clock.Advance(delay);
        }
        Assert.Equal(seen.Count, seen.Distinct().Count()); // jittered
        Assert.True(seen[4] > seen[0], "the delays grow");
        await bed.UntilAsync("flaky", c => c?.Rancher.State == "connected", "Rancher connected again");
        Assert.Equal("/v3/connect", fake.AgentPaths[^1]); // after a first connect the agent uses /v3/connect
        Assert.Equal((200, "ok"), await fake.ReadyzAsync());
    }

    [Fact]
    public async Task Restart_ReconnectsTheSameRancherCluster_DeleteHereDeletesInRancher()
    {
        await using var rancher = await FakeRancher.StartAsync();
        using var dir = new TempDir();
        var first = await AgentTestBed.StartAsync(dir.Path, rancher: rancher.Settings());
        await first.CreateReadyAsync("lasting");
        var id = (await first.UntilAsync("lasting", c => c?.Rancher.State == "connected", "Rancher connected"))!.Rancher.ClusterId;
        await first.StopAsync();

        await using var second = await AgentTestBed.StartAsync(dir.Path, rancher: rancher.Settings());
        var shown = second.Agent.Get("lasting")!.Rancher.State;
        Assert.True(shown != "connected" || rancher.Named("lasting")!.AgentPaths.Count >= 2, "a restart does not show the first run's state as its own");
        var back = await second.UntilAsync("lasting", c => c?.Rancher.State == "connected", "Rancher connected after the restart");
        Assert.Equal(id, back!.Rancher.ClusterId);
        Assert.Single(rancher.Live); // no second Rancher cluster
        Assert.Equal((200, "ok"), await rancher.Named("lasting")!.ReadyzAsync());

        using var deleted = await second.Http.DeleteAsync("/clusters/lasting");
        Assert.Equal(200, (int)deleted.StatusCode);
        Assert.Empty(rancher.Live);
    }

    private static async Task<string> NextCheckAsync(FakeRancherCluster cluster) =>
        await Wait.For(cluster.Checks.Reader.ReadAsync().AsTask(), "Rancher's check through a tunnel");
}
