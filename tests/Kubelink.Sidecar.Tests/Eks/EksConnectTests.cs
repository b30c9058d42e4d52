using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Protocol.Eks;
using Kubelink.Sidecar.Tests.Resources;
using Kubelink.Sidecar.Tests.TestSupport;
using Kubelink.Simulator.Aws;

namespace Kubelink.Sidecar.Tests.Eks;

/// <summary>
/// An EKS connection end to end against the simulated AWS: <c>eks/connect</c> → <c>cluster/activate</c> → ready with the
/// in-process token (validated by listing namespaces), rows of the seed's kinds, kubectl through the proxy kubeconfig
/// with no <c>aws</c> binary, disconnect, and the connection back after a sidecar restart.
/// </summary>
public sealed class EksConnectTests
{
    private const string Id = $"{AwsSimulator.Region}_{AwsSimulator.ClusterName}";

    [Fact]
    public async Task Connect_ThenActivate_IsReadyServesRowsAndKubectl()
    {
        await using var bed = await EksTestBed.StartAsync();

        var entry = await bed.ConnectAsync(EksTestBed.Profile(AwsFiles.AdminProfile));
        var info = await bed.ActivateAsync(entry.Id);
        var pods = await bed.Bed.ListAsync(info.Id, "pods", "team-a");
        var nodes = await bed.Bed.ListAsync(info.Id, "nodes", null);
        var deployments = await bed.Bed.ListAsync(info.Id, "deployments", "team-a", "apps");
        var services = await bed.Bed.ListAsync(info.Id, "services", "team-a");
        var kubectl = await Kubectl.OutputAsync(info.ProxyKubeconfigPath!, "get", "namespaces", "-o", "name");

        Assert.Equal(Id, entry.Id);
        Assert.Equal(ClusterSourceKind.Eks, entry.SourceKind);
        Assert.Equal("ACTIVE", entry.Eks!.Status);
        Assert.Equal(ClusterStatus.Ready, info.Status);
        Assert.True(info.IsAdmin);
        Assert.Equal(bed.Bed.Simulator.Store.List("v1", "Pod", "team-a").Count, pods.Items.Count);
        Assert.NotEmpty(nodes.Items);
        // The seed's fields: nodes with instance type and zone (EKS's labels), deployments with replicas, services with ports.
        Assert.All(nodes.Items, n => Assert.NotEqual("", n.Columns!["instanceType"].GetString()));
        Assert.All(nodes.Items, n => Assert.NotEqual("", n.Columns!["zone"].GetString()));
        Assert.Equal(bed.Bed.Simulator.Store.List("apps/v1", "Deployment", "team-a").Count, deployments.Items.Count);
        Assert.All(deployments.Items, d => Assert.Contains("/", d.Columns!["ready"].GetString(), StringComparison.Ordinal));
        Assert.Equal(bed.Bed.Simulator.Store.List("v1", "Service", "team-a").Count, services.Items.Count);
        Assert.All(services.Items, s => Assert.Contains("/TCP", s.Columns!["ports"].GetString(), StringComparison.Ordinal));
        Assert.Contains("namespace/team-a", kubectl, StringComparison.Ordinal);
        var validated = await ValidatedStageAsync(bed, info.Id);
        Assert.Equal(StageLevel.Info, validated.Level);
        Assert.Equal($"Validated by listing namespaces: the credentials are accepted; {bed.Bed.Simulator.Store.List("v1", "Namespace", null).Count} namespaces.", validated.Message);
    }

    [Fact]
    public async Task Connect_WithTheAssumeRoleProfile_IsTheRestrictedUserAndStillReady()
    {
        await using var bed = await EksTestBed.StartAsync();

        var entry = await bed.ConnectAsync(EksTestBed.Profile(AwsFiles.RestrictedProfile));
        // The restricted user may not list namespaces (as on a real EKS cluster): it names the ones it may use.
        var info = await Wait.For(bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterActivate, new ClusterActivateParams { ClusterId = entry.Id, AccessibleNamespaces = ["team-a"] }), "activation");

        Assert.Equal(ClusterStatus.Ready, info.Status);
        Assert.False(info.IsAdmin);
        Assert.Contains("team-a", info.Namespaces);
        var validated = await ValidatedStageAsync(bed, info.Id);
        Assert.Equal(StageLevel.Warning, validated.Level);
        Assert.Contains("may not list namespaces (403); connecting as for any cluster", validated.Message, StringComparison.Ordinal);
    }

    /// <summary>The <c>validated</c> stage of the activation, checked to come between the version check and ready.</summary>
    private static async Task<ClusterStageParams> ValidatedStageAsync(EksTestBed bed, string id)
    {
        await Wait.Until(() => bed.Sidecar.Seen<ClusterStageParams>(Methods.ClusterStage).Any(s => s.ClusterId == id && s.Stage == "ready"), "the ready stage");
        var stages = bed.Sidecar.Seen<ClusterStageParams>(Methods.ClusterStage).Where(s => s.ClusterId == id).ToList();
        var names = stages.ConvertAll(s => s.Stage);
        Assert.True(names.IndexOf("version") < names.IndexOf("validated") && names.IndexOf("validated") < names.IndexOf("ready"), string.Join(", ", names));
        return stages.Single(s => s.Stage == "validated");
    }

    [Fact]
    public async Task Connect_ACreatingCluster_IsListedWithItsStatus_AndActivatingItSaysWhy()
    {
        await using var bed = await EksTestBed.StartAsync();

        var entry = await bed.ConnectAsync(EksTestBed.Profile(AwsFiles.AdminProfile), AwsSimulator.CreatingClusterName);
        var error = await EksTestBed.FailureOfAsync(bed.ActivateAsync(entry.Id));

        Assert.Equal(CatalogEntryState.Invalid, entry.State);
        Assert.Equal("CREATING", entry.Eks!.Status);
        Assert.Contains("is CREATING, not ACTIVE", entry.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.EksClusterNotActive, error.ErrorCode);
        Assert.Contains("CREATING", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disconnect_EndsTheSessionAndForgetsTheConnection()
    {
        await using var bed = await EksTestBed.StartAsync();
        var entry = await bed.ConnectAsync(bed.AdminKeysWithEndpoint());
        await bed.ActivateAsync(entry.Id);

        await Wait.For(bed.Sidecar.Client.InvokeWithParameterObjectAsync(Methods.EksDisconnect, new EksDisconnectParams { ClusterId = entry.Id }), "eks/disconnect");
        var list = await bed.Sidecar.Client.InvokeAsync<CatalogListResult>(Methods.CatalogList);
        var get = await EksTestBed.FailureOfAsync(bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterGet, new ClusterIdParams { ClusterId = entry.Id }));

        Assert.DoesNotContain(list.Clusters, c => c.Id == entry.Id);
        Assert.Equal(ErrorCodes.ClusterNotFound, get.ErrorCode);
    }

    [Fact]
    public async Task ARestartedSidecar_BringsTheProfileConnectionBackAndConnects_WithNoSecretSaved()
    {
        using var state = new TempDir();
        string secret;
        await using (var first = await EksTestBed.StartAsync(state.Path))
        {
            secret = first.Aws.Identities.Admin.SecretAccessKey;
            await first.ConnectAsync(EksTestBed.Profile(AwsFiles.AdminProfile));
        }
        var saved = await File.ReadAllTextAsync(Path.Combine(state.Path, "eks", "connections.json"));

        await using var second = await EksTestBed.StartAsync(state.Path);
        var entry = (await second.Sidecar.Client.InvokeAsync<CatalogListResult>(Methods.CatalogList)).Clusters.Single(c => c.Id == Id);
        // This bed's simulator is a new one at a new endpoint (a real EKS endpoint stays): Refresh EKS Clusters
        // describes the remembered connection again with its profile, then it connects.
        await Wait.For(second.Sidecar.Client.InvokeAsync<CatalogListResult>(Methods.CatalogRefresh), "catalog/refresh");
        var info = await second.ActivateAsync(entry.Id);

        Assert.Equal(CatalogEntryState.Valid, entry.State);
        Assert.Equal($"profile {AwsFiles.AdminProfile} · {AwsSimulator.Region}", entry.SourceGroup);
        Assert.Equal(ClusterStatus.Ready, info.Status);
        Assert.DoesNotContain(secret, saved, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", saved, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ARestartedSidecar_ListsATypedKeysConnectionAsWaitingForItsKeys_UntilTheExtensionSendsThemAgain()
    {
        using var state = new TempDir();
        string keyId;
        await using (var first = await EksTestBed.StartAsync(state.Path))
        {
            keyId = first.Aws.Identities.Admin.AccessKeyId;
            await first.ConnectAsync(first.AdminKeysWithEndpoint());
        }
        var saved = await File.ReadAllTextAsync(Path.Combine(state.Path, "eks", "connections.json"));

        await using var second = await EksTestBed.StartAsync(state.Path);
        var waiting = (await second.Sidecar.Client.InvokeAsync<CatalogListResult>(Methods.CatalogList)).Clusters.Single(c => c.Id == Id);
        // What the extension does when the new sidecar is ready: eks/connect again with the keys from SecretStorage.
        var resent = await second.ConnectAsync(second.AdminKeysWithEndpoint());
        var info = await second.ActivateAsync(resent.Id);

        Assert.Equal(CatalogEntryState.Invalid, waiting.State);
        Assert.Contains("typed keys, which the sidecar never stores", waiting.Error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(keyId, saved, StringComparison.Ordinal);
        Assert.Equal(CatalogEntryState.Valid, resent.State);
        Assert.Equal(ClusterStatus.Ready, info.Status);
    }
}
