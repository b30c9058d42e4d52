using Kubelink.Protocol.Resources;
using Kubelink.Sidecar.Resources;
using Kubelink.Sidecar.Tests.Clusters;
using Kubelink.Sidecar.Tests.Health;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Kubelink.Sidecar.Tests.Resources;

/// <summary>Many reconnects, bursts and watch renewals: nothing lost, nothing doubled, nothing left open.</summary>
public sealed class ResourceFlapTests
{
    /// <summary>50 real outages (the server refuses, then accepts), each noticed and healed by the health monitor.</summary>
    [Fact]
    public async Task FiftyReconnects_GiveFiftyStaleAndFiftyFreshResets_AndLeaveOneWatch()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Fast);
        var info = await bed.ConnectAsync("sim-admin");
        await bed.SubscribeAsync("s", info.Id, "configmaps", "team-a");
        var seen = new List<ResourceChangedParams>();

        for (var flap = 0; flap < 50; flap++)
        {
            await bed.Simulator.Faults.RefuseConnectionsAsync();
            await bed.NextChangeAsync(c => c.Type == ResourceChangeType.Reset && c.Stale, seen);
            bed.Simulator.Store.Create(ResourceViews.ConfigMap("team-a", $"flap-{flap}"));
            await bed.Simulator.Faults.AcceptConnectionsAsync();
            await bed.NextChangeAsync(c => c.Type == ResourceChangeType.Reset && !c.Stale && c.Items.Any(r => r.Name == $"flap-{flap}"), seen);
        }

        Assert.Equal(50, seen.Count(c => c.Type == ResourceChangeType.Reset && c.Stale));
        Assert.Equal(50, seen.Count(c => c.Type == ResourceChangeType.Reset && !c.Stale));
        Assert.Equal(51, bed.Session(info.Id).Generation);
        Assert.Equal(1, bed.Caches().Count);
        // Every replaced run closed its watch: the server ends up with the current generation's watch and the monitor's sentinel at most.
        await Wait.For(ResourceViews.UntilAsync(() => bed.Simulator.Store.OpenWatches("v1", "ConfigMap") == 1), "the old generations' watches to close");
    }

    [Fact]
    public async Task ABurstOfChanges_ArrivesCompleteAndInOrder()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-admin");
        await bed.SubscribeAsync("s", info.Id, "configmaps", "team-b");
        var names = Enumerable.Range(0, 200).Select(i => $"burst-{i:D3}").ToList();
        var seen = new List<ResourceChangedParams>();

        names.ForEach(n => bed.Simulator.Store.Create(ResourceViews.ConfigMap("team-b", n)));
        await bed.NextChangeAsync(c => c.Has(ResourceChangeType.Added, names[^1]), seen);

        Assert.Equal(names, seen.Where(c => c.Type == ResourceChangeType.Added).SelectMany(c => c.Items).Select(r => r.Name));
        Assert.True(seen.Count <= names.Count);
    }

    [Fact]
    public async Task WatchesEndingAtTheirTimeout_AreRenewedFromTheLastVersion_WithoutAReset()
    {
        await using var bed = await ClusterTestBed.StartAsync(configure: s => s.AddSingleton(new ResourceOptions { WatchTimeoutSeconds = 1 }));
        var info = await bed.ActivateAsync("sim-admin");
        await bed.SubscribeAsync("s", info.Id, "configmaps", "team-a");
        var seen = new List<ResourceChangedParams>();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // Changes keep coming across at least three watch renewals (one per second); each is awaited, none may be lost.
        for (var i = 0; clock.Elapsed < TimeSpan.FromSeconds(3.5); i++)
        {
            bed.Simulator.Store.Create(ResourceViews.ConfigMap("team-a", $"tick-{i}"));
            await bed.NextChangeAsync(c => c.Has(ResourceChangeType.Added, $"tick-{i}"), seen);
        }

        Assert.DoesNotContain(seen, c => c.Type == ResourceChangeType.Reset);
    }
}
