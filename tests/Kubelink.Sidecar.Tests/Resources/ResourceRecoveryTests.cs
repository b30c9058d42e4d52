using Kubelink.Protocol.Clusters;
using Kubelink.Protocol.Resources;
using Kubelink.Simulator;
using Kubelink.Sidecar.Resources;
using Kubelink.Sidecar.Tests.Clusters;
using Kubelink.Sidecar.Tests.Health;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Kubelink.Sidecar.Tests.Resources;

/// <summary>Views that keep themselves right through faults: dropped connections, expired history, revoked access, reconnects.</summary>
public sealed class ResourceRecoveryTests
{
    [Fact]
    public async Task DroppedConnections_WhileReady_WatchResumesWithoutAReset()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-admin");
        await bed.SubscribeAsync("s", info.Id, "configmaps", "team-a");
        var seen = new List<ResourceChangedParams>();

        bed.Simulator.Faults.DropConnections();
        bed.Simulator.Store.Create(ResourceViews.ConfigMap("team-a", "after-drop"));
        await bed.NextChangeAsync(c => c.Has(ResourceChangeType.Added, "after-drop"), seen);

        // The watch picked up from its last version: the change came as a change, not as a re-list.
        Assert.DoesNotContain(seen, c => c.Type == ResourceChangeType.Reset);
    }

    [Fact]
    public async Task HistoryExpired_WhileCut_ReListsAndResetsWithEveryChange()
    {
        await using var bed = await ClusterTestBed.StartAsync(new SimulatorOptions { Namespaces = 1, Nodes = 1, PodsPerNamespace = 1, WatchHistoryLimit = 5 });
        var info = await bed.ActivateAsync("sim-admin");
        await bed.SubscribeAsync("s", info.Id, "configmaps", "team-a");

        await bed.Simulator.Faults.RefuseConnectionsAsync();
        var names = Enumerable.Range(0, 10).Select(i => $"while-cut-{i}").ToList();
        names.ForEach(n => bed.Simulator.Store.Create(ResourceViews.ConfigMap("team-a", n)));
        await bed.Simulator.Faults.AcceptConnectionsAsync();
        // The re-watch from the old version meets 410 Expired: only a fresh list can be right.
        var reset = await bed.NextChangeAsync(c => c.Type == ResourceChangeType.Reset && !c.Stale);

        Assert.Null(reset.Error);
        Assert.Subset(reset.Items.Select(r => r.Name).ToHashSet(), names.ToHashSet());
        Assert.Equal(bed.Simulator.Store.List("v1", "ConfigMap", "team-a").Count, reset.Items.Count);
    }

    [Fact]
    public async Task Subscribe_WhileTheServerRefuses_AnswersStale_ThenResetsWhenItIsBack()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-admin");

        await bed.Simulator.Faults.RefuseConnectionsAsync();
        var answer = await bed.SubscribeAsync("s", info.Id, "configmaps", "team-a");
        await bed.Simulator.Faults.AcceptConnectionsAsync();
        var reset = await bed.NextChangeAsync(c => c.Type == ResourceChangeType.Reset && !c.Stale);

        Assert.True(answer.Stale);
        Assert.Empty(answer.Items);
        Assert.Equal(bed.Simulator.Store.List("v1", "ConfigMap", "team-a").Count, reset.Items.Count);
        Assert.NotEmpty(reset.Items);
    }

    [Fact]
    public async Task BindingRevoked_WhileSubscribed_ResetsEmptyWithTheCause()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-restricted");
        var initial = await bed.SubscribeAsync("s", info.Id, "pods", "team-a");
        Assert.NotEmpty(initial.Items);

        Assert.True(bed.Simulator.Faults.RevokeBinding("team-a", "restricted-view"));
        var reset = await bed.NextChangeAsync(c => c.Type == ResourceChangeType.Reset);

        Assert.Empty(reset.Items);
        Assert.False(reset.Stale);
        Assert.Contains("(403)", reset.Error, StringComparison.Ordinal);
        Assert.Contains("namespace 'team-a'", reset.Error, StringComparison.Ordinal);
        Assert.Contains("restore the binding", reset.Error, StringComparison.Ordinal);
        var again = await Assert.ThrowsAsync<StreamJsonRpc.RemoteInvocationException>(() => bed.ListAsync(info.Id, "pods", "team-a"));
        Assert.Equal(Kubelink.Protocol.ErrorCodes.ResourceNotListable, again.ErrorCode);
        Assert.Contains("(403)", again.Message, StringComparison.Ordinal);
    }

    /// <summary>The whole path with the real health monitor: the server goes away, objects change meanwhile, it comes back.</summary>
    [Fact]
    public async Task Reconnect_ResetsEveryViewByItself_WithTheChangesMadeWhileDown()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Fast);
        var info = await bed.ConnectAsync("sim-admin");
        bed.Simulator.Store.Create(ResourceViews.ConfigMap("team-a", "before"));
        await bed.SubscribeAsync("s", info.Id, "configmaps", "team-a");
        var seen = new List<ResourceChangedParams>();

        await bed.Simulator.Faults.RefuseConnectionsAsync();
        // The stale reset is the sign the episode began. Waiting for a health event first would read (and drop) the
        // reset whenever it is sent between "disconnected" and "reconnecting", as it is on a busy machine.
        var stale = await bed.NextChangeAsync(c => c.Type == ResourceChangeType.Reset, seen);
        var listedWhileDown = await bed.ListAsync(info.Id, "configmaps", "team-a");
        bed.Simulator.Store.Delete("v1", "ConfigMap", "team-a", "before");
        bed.Simulator.Store.Create(ResourceViews.ConfigMap("team-a", "during"));
        await bed.Simulator.Faults.AcceptConnectionsAsync();
        var back = await bed.UntilHealthAsync(HealthState.Ready);
        var fresh = await bed.NextChangeAsync(c => c.Type == ResourceChangeType.Reset && !c.Stale, seen);

        Assert.Equal(2, back.Generation);
        Assert.True(stale.Stale);
        Assert.Contains(stale.Items, r => r.Name == "before");
        Assert.True(listedWhileDown.Stale);
        Assert.Contains(listedWhileDown.Items, r => r.Name == "before");
        Assert.Single(seen, c => c.Stale); // one stale reset per episode, however many attempts
        Assert.Contains(fresh.Items, r => r.Name == "during");
        Assert.DoesNotContain(fresh.Items, r => r.Name == "before");
    }

    [Fact]
    public async Task RecoveredForTheGenerationAlreadyLive_IsIgnored()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-admin");
        await bed.SubscribeAsync("s", info.Id, "configmaps", "team-a");
        var session = bed.Session(info.Id);
        var seen = new List<ResourceChangedParams>();

        session.RaiseRecovered(session.Generation);
        bed.Simulator.Store.Create(ResourceViews.ConfigMap("team-a", "marker"));
        await bed.NextChangeAsync(c => c.Has(ResourceChangeType.Added, "marker"), seen);

        Assert.DoesNotContain(seen, c => c.Type == ResourceChangeType.Reset);
    }

    [Fact]
    public async Task OneOffList_LeavesALingeringCache_ThatASubscriptionReuses()
    {
        await using var bed = await ClusterTestBed.StartAsync(configure: s => s.AddSingleton(new ResourceOptions { Linger = TimeSpan.FromSeconds(30) }));
        var info = await bed.ActivateAsync("sim-admin");

        await bed.ListAsync(info.Id, "services", null);
        Assert.Equal(1, bed.Caches().Count);
        await bed.SubscribeAsync("s", info.Id, "services", "team-a");
        Assert.Equal(1, bed.Caches().Count);
    }

    [Fact]
    public async Task LastUserGone_CacheStopsAfterTheLinger()
    {
        await using var bed = await ClusterTestBed.StartAsync(configure: s => s.AddSingleton(new ResourceOptions { Linger = TimeSpan.FromMilliseconds(1) }));
        var info = await bed.ActivateAsync("sim-admin");
        await bed.SubscribeAsync("s", info.Id, "services", "team-a");

        await bed.UnsubscribeAsync("s");

        await Wait.For(ResourceViews.UntilAsync(() => bed.Caches().Count == 0), "the cache to stop");
        await Wait.For(ResourceViews.UntilAsync(() => bed.Simulator.Store.OpenWatches("v1", "Service") == 0), "the watch to close on the server");
    }
}
