using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Tests.Clusters;

/// <summary>The namespace sources in the seed's order: configured, listed, the kubeconfig's, none.</summary>
public sealed class NamespaceFallbackTests
{
    [Fact]
    public async Task Configured_WinsOverListing()
    {
        await using var bed = await ClusterTestBed.StartAsync();

        var info = await bed.ActivateAsync("sim-admin", ["team-b"]);

        Assert.Equal("configured", info.NamespaceSource);
        Assert.Equal(["team-b"], info.Namespaces);
    }

    [Fact]
    public async Task Configured_LetsAUserWhoCannotListNamespacesSeeAllItsNamespaces()
    {
        await using var bed = await ClusterTestBed.StartAsync();

        var info = await bed.ActivateAsync("sim-restricted", ["team-a", "team-b"]);
        var complete = await bed.Sidecar.WaitForClusterAsync(info.Id, i => i.PermissionsComplete);

        Assert.Equal(["team-a", "team-b"], Assert.Single(complete.ListableResources, r => r.Resource == "pods").Namespaces);
    }

    [Fact]
    public async Task NoListNoKubeconfigNamespace_IsNone_AndTheFailureSaysWhatToConfigure()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        bed.Simulator.WriteKubeconfig(Path.Combine(bed.Kubeconfigs, "no-ns.yaml"), "restricted", "no-ns", defaultNamespace: null);
        await bed.SyncAsync();
        var warning = bed.Sidecar.CollectAsync<ClusterStageParams>(Methods.ClusterStage, s => s.Stage == "namespaces");

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => bed.ActivateAsync("no-ns"));
        await warning;

        Assert.Equal(ErrorCodes.ClusterForbidden, error.ErrorCode);
        var info = await bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterGet, new ClusterIdParams { ClusterId = await bed.IdOfAsync("no-ns") });
        Assert.Equal("none", info.NamespaceSource);
    }
}
