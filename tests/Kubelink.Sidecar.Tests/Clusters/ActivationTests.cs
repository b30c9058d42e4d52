using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Tests.Clusters;

/// <summary>Activation against the simulator over real HTTPS, through the sidecar's own proxy.</summary>
public sealed class ActivationTests
{
    [Fact]
    public async Task Admin_IsReady_WithVersionAdminRightsAndTheWholeMap()
    {
        await using var bed = await ClusterTestBed.StartAsync();

        var info = await bed.ActivateAsync("sim-admin");

        Assert.Equal(ClusterStatus.Ready, info.Status);
        Assert.Equal(new Kubelink.Simulator.SimulatorOptions().GitVersion, info.Version);
        Assert.True(info.IsAdmin);
        Assert.True(info.CanWatchAll);
        Assert.True(info.PermissionsComplete);
        Assert.Equal("list", info.NamespaceSource);
        Assert.Contains("team-a", info.Namespaces);
        Assert.Contains(info.ListableResources, r => r.Resource == "pods" && r.AllNamespaces);
        Assert.Contains(info.ListableResources, r => r.Resource == "nodes" && !r.Namespaced);
        Assert.StartsWith("https://127.0.0.1:", info.ProxyUrl);
        Assert.True(File.Exists(info.ProxyKubeconfigPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(info.ProxyKubeconfigPath!));
    }

    [Fact]
    public async Task Admin_StagesArriveInOrder_EndingInReady()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var id = await bed.IdOfAsync("sim-admin");
        var stages = new List<string>();
        var readyStage = bed.Sidecar.CollectAsync<ClusterStageParams>(Methods.ClusterStage, s => { stages.Add(s.Stage); return s.Stage == "ready"; });

        await bed.ActivateAsync("sim-admin");
        await Wait.For(readyStage, "the ready stage");

        Assert.Equal(["proxy", "version", "admin", "watch", "namespaces", "discovery", "permissions", "ready"], stages);
    }

    [Fact]
    public async Task Restricted_IsReady_WithExactlyWhatItsRbacAllows()
    {
        await using var bed = await ClusterTestBed.StartAsync();

        var info = await bed.ActivateAsync("sim-restricted");
        var complete = await bed.Sidecar.WaitForClusterAsync(info.Id, i => i.PermissionsComplete);

        Assert.Equal(ClusterStatus.Ready, complete.Status);
        Assert.False(complete.IsAdmin);
        Assert.False(complete.CanWatchAll);
        // It may not list namespaces, so the kubeconfig context's namespace is used (the seed's fallback order).
        Assert.Equal("kubeconfig", complete.NamespaceSource);
        Assert.Equal(["team-a"], complete.Namespaces);
        var pods = Assert.Single(complete.ListableResources, r => r.Resource == "pods");
        Assert.False(pods.AllNamespaces);
        Assert.Equal(["team-a"], pods.Namespaces);
        Assert.DoesNotContain(complete.ListableResources, r => r.Resource is "nodes" or "secrets" or "namespaces");
    }

    [Fact]
    public async Task UserWithNoRights_FailsWithForbidden_NotReady()
    {
        await using var bed = await ClusterTestBed.StartAsync();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => bed.ActivateAsync("sim-nobody"));

        Assert.Equal(ErrorCodes.ClusterForbidden, error.ErrorCode);
        Assert.Contains("may not list any resource", error.Message);
        var info = await bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterGet, new ClusterIdParams { ClusterId = await bed.IdOfAsync("sim-nobody") });
        Assert.Equal(ClusterStatus.Failed, info.Status);
    }

    [Fact]
    public async Task ExpiredToken_FailsWithUnauthorized()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        bed.Simulator.Faults.ExpireUser("restricted");

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => bed.ActivateAsync("sim-restricted"));

        Assert.Equal(ErrorCodes.ClusterUnauthorized, error.ErrorCode);
        Assert.Contains("401", error.Message);
    }

    [Fact]
    public async Task StoppedServer_FailsWithUnreachable_SayingRefused()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        await bed.Simulator.Faults.RefuseConnectionsAsync();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => bed.ActivateAsync("sim-admin"));

        Assert.Equal(ErrorCodes.ClusterUnreachable, error.ErrorCode);
        Assert.Contains("refused", error.Message);
    }

    [Fact]
    public async Task WrongCertificateAuthority_FailsWithTls()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        await using var other = new Kubelink.Simulator.SimulatorServer();
        await other.StartAsync();
        var path = Path.Combine(bed.Kubeconfigs, "wrong-ca.yaml");
        var text = await File.ReadAllTextAsync(Path.Combine(bed.Kubeconfigs, "restricted.yaml"));
        var otherCa = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(other.CaCertificatePem));
        var mine = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(bed.Simulator.CaCertificatePem));
        await File.WriteAllTextAsync(path, text.Replace(mine, otherCa, StringComparison.Ordinal).Replace("sim-restricted", "wrong-ca", StringComparison.Ordinal));
        await bed.SyncAsync();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => bed.ActivateAsync("wrong-ca"));

        Assert.Equal(ErrorCodes.ClusterUnreachable, error.ErrorCode);
        Assert.Contains("TLS", error.Message);
    }

    [Fact]
    public async Task ConnectingTwice_IsOneActivation()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var id = await bed.IdOfAsync("sim-admin");
        var proxyStages = 0;
        var ready = bed.Sidecar.CollectAsync<ClusterStageParams>(Methods.ClusterStage, s => { proxyStages += s.Stage == "proxy" ? 1 : 0; return s.Stage == "ready"; });

        var first = bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterActivate, new ClusterIdParams { ClusterId = id });
        var second = bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterActivate, new ClusterIdParams { ClusterId = id });
        var both = await Wait.For(Task.WhenAll(first, second), "both activations");
        await Wait.For(ready, "ready");

        Assert.Equal(both[0].ProxyUrl, both[1].ProxyUrl);
        Assert.Equal(1, proxyStages);
    }

    [Fact]
    public async Task InvalidCatalogEntry_FailsWithClusterInvalid()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(bed.Kubeconfigs, "broken.yaml"), "apiVersion: v1\nkind: Config\ncontexts:\n- name: broken\n  context:\n    cluster: nowhere\n");
        await bed.SyncAsync();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => bed.ActivateAsync("broken"));

        Assert.Equal(ErrorCodes.ClusterInvalid, error.ErrorCode);
        Assert.Contains("nowhere", error.Message);
    }
}
