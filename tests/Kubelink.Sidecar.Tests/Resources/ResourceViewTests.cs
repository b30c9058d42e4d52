using Kubelink.Protocol;
using Kubelink.Protocol.Resources;
using Kubelink.Sidecar.Tests.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Tests.Resources;

/// <summary>resources/list, subscribe, unsubscribe and get against the simulator over real HTTPS.</summary>
public sealed class ResourceViewTests
{
    [Fact]
    public async Task ListPods_InANamespace_HasKubectlColumnsAndEveryPodSorted()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-admin");

        var list = await bed.ListAsync(info.Id, "pods", "team-a");

        Assert.Equal(["name", "namespace", "phase", "ready", "restarts", "node", "createdAt"], list.Columns.Select(c => c.Key));
        Assert.False(list.Stale);
        var expected = bed.Simulator.Store.List("v1", "Pod", "team-a").Select(p => p["metadata"]!["name"]!.ToString()).Order(StringComparer.Ordinal);
        Assert.Equal(expected, list.Items.Select(r => r.Name));
        Assert.All(list.Items, row =>
        {
            Assert.Equal("team-a", row.Namespace);
            Assert.Equal("Running", row.Columns!["phase"].GetString());
            Assert.Equal("1/1", row.Columns["ready"].GetString());
            Assert.True(row.Columns["restarts"].GetInt64() >= 0);
            Assert.StartsWith("node-", row.Columns["node"].GetString(), StringComparison.Ordinal);
            Assert.NotNull(row.CreatedAt);
        });
    }

    [Fact]
    public async Task ListPods_AllNamespaces_SortedByNamespaceThenName()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-admin");

        var list = await bed.ListAsync(info.Id, "pods", null);

        Assert.Equal(bed.Simulator.Store.Count("v1", "Pod"), list.Items.Count);
        var sorted = list.Items.OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal);
        Assert.Equal(sorted.Select(r => $"{r.Namespace}/{r.Name}"), list.Items.Select(r => $"{r.Namespace}/{r.Name}"));
        Assert.True(list.Items.Select(r => r.Namespace).Distinct().Count() > 1);
    }

    [Fact]
    public async Task ListNodes_ClusterScoped_HasNodeColumns()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-admin");

        var list = await bed.ListAsync(info.Id, "nodes", null);

        Assert.Equal(["name", "status", "roles", "instanceType", "zone", "kubeletVersion", "createdAt"], list.Columns.Select(c => c.Key));
        Assert.Equal(["node-000", "node-001"], list.Items.Select(r => r.Name));
        Assert.All(list.Items, row =>
        {
            Assert.Null(row.Namespace);
            Assert.Equal("Ready", row.Columns!["status"].GetString());
            Assert.NotEqual("<none>", row.Columns["roles"].GetString());
            Assert.NotEqual("", row.Columns["zone"].GetString());
        });
    }

    [Fact]
    public async Task Subscribe_ThenCreateModifyDelete_ArriveAsChanges()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-admin");
        var initial = await bed.SubscribeAsync("s1", info.Id, "configmaps", "team-a");
        Assert.DoesNotContain(initial.Items, r => r.Name == "live");

        bed.Simulator.Store.Create(ResourceViews.ConfigMap("team-a", "live"));
        var added = await bed.NextChangeAsync(c => c.Has(ResourceChangeType.Added, "live"));
        bed.Simulator.Store.Update(ResourceViews.ConfigMap("team-a", "live", "2"));
        await bed.NextChangeAsync(c => c.Has(ResourceChangeType.Modified, "live"));
        bed.Simulator.Store.Delete("v1", "ConfigMap", "team-a", "live");
        var deleted = await bed.NextChangeAsync(c => c.Has(ResourceChangeType.Deleted, "live"));

        Assert.Equal("s1", added.SubscriptionId);
        Assert.False(added.Stale);
        Assert.Equal("team-a", Assert.Single(deleted.Items).Namespace);
    }

    [Fact]
    public async Task Subscribe_WithANamespace_SeesOnlyThatNamespace_FromOneSharedCache()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-admin");
        await bed.SubscribeAsync("a", info.Id, "configmaps", "team-a");
        await bed.SubscribeAsync("b", info.Id, "configmaps", "team-b");
        var seen = new List<ResourceChangedParams>();

        bed.Simulator.Store.Create(ResourceViews.ConfigMap("team-b", "only-b"));
        bed.Simulator.Store.Create(ResourceViews.ConfigMap("team-a", "only-a"));
        // Each subscription sends on its own, so the two may arrive in either order.
        await bed.NextChangeAsync(_ =>
            seen.Any(c => c.SubscriptionId == "a" && c.Has(ResourceChangeType.Added, "only-a")) && seen.Any(c => c.SubscriptionId == "b" && c.Has(ResourceChangeType.Added, "only-b")), seen);

        // Admin may list cluster-wide: both views read one cluster-wide cache, each filtered to its namespace.
        Assert.Equal(1, bed.Caches().Count);
        Assert.All(seen.Where(c => c.SubscriptionId == "a").SelectMany(c => c.Items), r => Assert.Equal("team-a", r.Namespace));
        Assert.All(seen.Where(c => c.SubscriptionId == "b").SelectMany(c => c.Items), r => Assert.Equal("team-b", r.Namespace));
    }

    [Fact]
    public async Task Unsubscribe_StopsNotifications_AndAnUnknownIdIsIgnored()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-admin");
        await bed.SubscribeAsync("gone", info.Id, "configmaps", "team-a");

        await bed.UnsubscribeAsync("gone");
        await bed.UnsubscribeAsync("never-was");
        bed.Simulator.Store.Create(ResourceViews.ConfigMap("team-a", "after"));
        await bed.SubscribeAsync("later", info.Id, "configmaps", "team-a");
        bed.Simulator.Store.Create(ResourceViews.ConfigMap("team-a", "marker"));
        var seen = new List<ResourceChangedParams>();
        await bed.NextChangeAsync(c => c.SubscriptionId == "later" && c.Has(ResourceChangeType.Added, "marker"), seen);

        Assert.DoesNotContain(seen, c => c.SubscriptionId == "gone");
    }

    [Fact]
    public async Task Subscribe_WithAnIdAlreadyOpen_IsRefused()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-admin");
        await bed.SubscribeAsync("dup", info.Id, "pods", "team-a");

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => bed.SubscribeAsync("dup", info.Id, "pods", "team-b"));

        Assert.Equal(ErrorCodes.SubscriptionExists, error.ErrorCode);
        Assert.Contains("'dup'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restricted_ListsOnlyItsNamespaces_MergedFromOneCacheEach()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-restricted", ["team-a", "team-b"]);
        await bed.Sidecar.WaitForClusterAsync(info.Id, i => i.PermissionsComplete);

        var list = await bed.ListAsync(info.Id, "pods", null);

        Assert.Equal(["team-a", "team-b"], list.Items.Select(r => r.Namespace!).Distinct());
        var expected = bed.Simulator.Store.List("v1", "Pod", "team-a").Count + bed.Simulator.Store.List("v1", "Pod", "team-b").Count;
        Assert.Equal(expected, list.Items.Count);
        Assert.Equal(2, bed.Caches().Count);
    }

    [Fact]
    public async Task Restricted_AllNamespacesView_IsLiveInEachOfItsNamespaces()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-restricted", ["team-a", "team-b"]);
        await bed.Sidecar.WaitForClusterAsync(info.Id, i => i.PermissionsComplete);
        await bed.SubscribeAsync("all", info.Id, "configmaps", null);
        var seen = new List<ResourceChangedParams>();

        bed.Simulator.Store.Create(ResourceViews.ConfigMap("team-b", "in-b"));
        bed.Simulator.Store.Create(ResourceViews.ConfigMap("default", "not-mine"));
        bed.Simulator.Store.Create(ResourceViews.ConfigMap("team-a", "in-a"));
        await bed.NextChangeAsync(_ => seen.Any(c => c.Has(ResourceChangeType.Added, "in-a")) && seen.Any(c => c.Has(ResourceChangeType.Added, "in-b")), seen);

        Assert.DoesNotContain(seen.SelectMany(c => c.Items), r => r.Name == "not-mine");
    }

    [Fact]
    public async Task Restricted_ForbiddenKindOrNamespace_IsAClearError()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-restricted", ["team-a", "team-b"]);
        await bed.Sidecar.WaitForClusterAsync(info.Id, i => i.PermissionsComplete);

        var kind = await Assert.ThrowsAsync<RemoteInvocationException>(() => bed.ListAsync(info.Id, "secrets", "team-a"));
        var where = await Assert.ThrowsAsync<RemoteInvocationException>(() => bed.SubscribeAsync("x", info.Id, "pods", "default"));

        Assert.Equal(ErrorCodes.ResourceNotListable, kind.ErrorCode);
        Assert.Contains("'secrets'", kind.Message, StringComparison.Ordinal);
        Assert.Contains("Ask a cluster admin", kind.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.ResourceNotListable, where.ErrorCode);
        Assert.Contains("namespace 'default'", where.Message, StringComparison.Ordinal);
        Assert.Contains("team-a, team-b", where.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterNotConnected_IsClusterNotReady()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var id = await bed.IdOfAsync("sim-admin");

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => bed.ListAsync(id, "pods", null));

        Assert.Equal(ErrorCodes.ClusterNotReady, error.ErrorCode);
        Assert.Contains("Connect it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deactivate_EndsTheClustersSubscriptionsAndCaches()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-admin");
        await bed.SubscribeAsync("s", info.Id, "pods", null);
        Assert.Equal(1, bed.Caches().Count);

        await bed.Sidecar.Client.InvokeWithParameterObjectAsync<object?>(Methods.ClusterDeactivate, new Kubelink.Protocol.Clusters.ClusterIdParams { ClusterId = info.Id });

        Assert.Equal(0, bed.Caches().Count);
        await Wait.For(ResourceViews.UntilAsync(() => bed.Simulator.Store.OpenWatches("v1", "Pod") == 0), "the pod watch to close on the server");
    }
}
