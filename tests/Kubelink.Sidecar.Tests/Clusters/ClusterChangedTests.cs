using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Clusters;
using Kubelink.Sidecar.Tests.Health;

namespace Kubelink.Sidecar.Tests.Clusters;

/// <summary>
/// <c>cluster/changed</c>: every change of a cluster's state is pushed whole, with increasing revisions, so the last
/// push always equals what <c>cluster/get</c> answers; and the state's one writer moves the generation exactly once.
/// </summary>
public sealed class ClusterChangedTests
{
    [Fact]
    public async Task Activation_PushesEachChange_TheLastEqualsClusterGet()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Driven);
        var info = await bed.ConnectAsync("sim-restricted"); // not an admin: the map completes after ready
        await bed.Sidecar.SeenAsync<ClusterChangedParams>(Methods.ClusterChanged, c => c.Info.PermissionsComplete && c.Info.Health is not null);
        var pushed = bed.Sidecar.Seen<ClusterChangedParams>(Methods.ClusterChanged);
        var got = await bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterGet, new ClusterIdParams { ClusterId = info.Id });

        // Sends may overtake each other on the wire; the revision says which is the latest.
        var latest = pushed.MaxBy(c => c.Revision)!;
        Assert.Equal([ClusterStatus.Connecting, ClusterStatus.Accessible, ClusterStatus.Ready], pushed.Select(c => c.Info.Status).Distinct().Order());
        Assert.Equal(pushed.Count, pushed.Select(c => c.Revision).Distinct().Count());
        Assert.Equal(got.ListableResources.Count, latest.Info.ListableResources.Count);
        Assert.True(got.PermissionsComplete);
        Assert.Equal(got.Health, latest.Info.Health);
    }

    [Fact]
    public async Task Recovery_PushesTheNewGenerationsHealth()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Driven);
        var info = await bed.ConnectAsync("sim-admin");
        await bed.Simulator.Faults.RefuseConnectionsAsync();
        await bed.NextAsync(2);

        await bed.Simulator.Faults.AcceptConnectionsAsync();
        await bed.ReconnectAsync(info.Id);

        await bed.Sidecar.SeenAsync<ClusterChangedParams>(Methods.ClusterChanged, c => c.Info.Health is { State: HealthState.Ready, Generation: 2 });
        Assert.Equal(2, bed.Session(info.Id).Generation);
    }

    [Fact]
    public void FirstPermissions_FromManyReviewsAtOnce_MakeOneReadyAndOneGeneration()
    {
        var state = new ClusterState("c");
        var changes = new System.Collections.Concurrent.ConcurrentBag<ClusterChange>();
        state.Changed += changes.Add;
        state.Connecting();

        var readies = Enumerable.Range(0, 64).AsParallel().Select(_ => state.PermissionsKnown([], complete: false).BecameReady).ToList();

        Assert.Equal(1, readies.Count(r => r));
        Assert.Equal(1, state.Generation);
        Assert.Equal(65, changes.Count);
        Assert.Equal(Enumerable.Range(1, 65).Select(i => (long)i), changes.Select(c => c.Revision).Order());
    }
}
