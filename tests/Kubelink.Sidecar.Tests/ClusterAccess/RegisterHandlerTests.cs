using System.Text;
using System.Text.Json.Nodes;
using Kubelink.Protocol;
using Kubelink.Protocol.GraphQL;
using Kubelink.Sidecar.ClusterAccess;
using Kubelink.Sidecar.Tests.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Tests.ClusterAccess;

/// <summary>
/// <c>graphql/register</c> (the editor's Register Cluster for GraphQL): the simulator is the management cluster and the
/// target, as in the listener's tests, and the real listener proves the objects it writes are the ones it can serve.
/// </summary>
public sealed class RegisterHandlerTests
{
    private static Task<GraphQLRegisterResult> RegisterAsync(ClusterTestBed bed, string clusterId, string managementId, string? name = null) =>
        bed.Sidecar.Client.InvokeWithParameterObjectAsync<GraphQLRegisterResult>(Methods.GraphQLRegister, new GraphQLRegisterParams { ClusterId = clusterId, ManagementClusterId = managementId, Name = name });

    private static Task ApplyCrdAsync(ClusterTestBed bed) =>
        Kubectl.OutputAsync(Path.Combine(bed.Kubeconfigs, "admin.yaml"), "apply", "-f", Path.Combine(AppContext.BaseDirectory, "deploy", "crd-clusteraccess.yaml"));

    [Fact]
    public async Task TokenCluster_IntoConnectedManagement_WritesSecretsAndClusterAccess_ThatTheListenerServes()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        await ApplyCrdAsync(bed);
        var management = await bed.ActivateAsync("sim-admin");
        var target = await bed.IdOfAsync("sim-restricted"); // not connected: registering needs only its catalog target

        var result = await Wait.For(RegisterAsync(bed, target, management.Id), "graphql/register");

        Assert.Equal("sim-restricted", result.Name);
        Assert.Equal(["secret/sim-restricted-ca (namespace default) created", "secret/sim-restricted-token (namespace default) created",
            "clusteraccess.gateway.platform-mesh.io/sim-restricted created"], result.Objects);
        var secret = bed.Simulator.Store.Get("v1", "Secret", "default", "sim-restricted-token")!;
        Assert.Equal(bed.RestrictedToken, Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]!["token"]!.ToString())));

        // The listener reads what the editor wrote and serves the restricted user's cluster from it.
        using var dir = new TempDir();
        var adminKubeconfig = Path.Combine(bed.Kubeconfigs, "admin.yaml");
        using var connection = KubeConnection.Open(KubeConnection.FromKubeconfig(adminKubeconfig, await File.ReadAllTextAsync(adminKubeconfig), null));
        using var listener = new ClusterAccessListener(connection, new SchemaFiles(dir.Path), NullLogger.Instance, TimeProvider.System);
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.Reconciled += name =>
        {
            if (name == "sim-restricted" && File.Exists(dir.Combine("sim-restricted.json")))
            {
                written.TrySetResult();
            }
        };
        using var stop = new CancellationTokenSource();
        var run = listener.RunAsync(stop.Token);
        await Wait.For(written.Task, "the listener's schema file for the registered cluster");
        var file = JsonNode.Parse(await File.ReadAllTextAsync(dir.Combine("sim-restricted.json")))!;
        Assert.Equal("token", file["x-cluster-metadata"]!["auth"]!["type"]!.ToString());
        await stop.CancelAsync();
        await Wait.For(run, "the listener to stop");
    }

    [Fact]
    public async Task CertificateCluster_AgainUnderAName_StoresTheKeyPair_AndReRunningConfigures()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        await ApplyCrdAsync(bed);
        var management = await bed.ActivateAsync("sim-admin");

        var first = await Wait.For(RegisterAsync(bed, management.Id, management.Id, "admin-copy"), "graphql/register");
        var again = await Wait.For(RegisterAsync(bed, management.Id, management.Id, "admin-copy"), "graphql/register again");

        Assert.Contains("secret/admin-copy-tls (namespace default) created", first.Objects);
        Assert.Contains("clusteraccess.gateway.platform-mesh.io/admin-copy configured", again.Objects);
        var access = bed.Simulator.Store.Get("gateway.platform-mesh.io/v1alpha1", "ClusterAccess", "", "admin-copy")!;
        Assert.Equal("admin-copy-tls", access["spec"]!["auth"]!["clientCertificateRef"]!["name"]!.ToString());
        Assert.Equal("kubernetes.io/tls", bed.Simulator.Store.Get("v1", "Secret", "default", "admin-copy-tls")!["type"]!.ToString());
    }

    [Fact]
    public async Task ManagementWithoutTheCrd_IsClusterAccessFailed_NamingTheFix()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var management = await bed.ActivateAsync("sim-admin");
        var target = await bed.IdOfAsync("sim-restricted");

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => RegisterAsync(bed, target, management.Id));

        Assert.Equal(ErrorCodes.ClusterAccessFailed, error.ErrorCode);
        Assert.Contains("kubectl apply -f deploy/crd-clusteraccess.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManagementNotConnected_IsClusterNotReady_AndABadName_IsRefused()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var admin = await bed.IdOfAsync("sim-admin");
        var target = await bed.IdOfAsync("sim-restricted");

        var notConnected = await Assert.ThrowsAsync<RemoteInvocationException>(() => RegisterAsync(bed, target, admin));
        Assert.Equal(ErrorCodes.ClusterNotReady, notConnected.ErrorCode);

        var management = await bed.ActivateAsync("sim-admin");
        var badName = await Assert.ThrowsAsync<RemoteInvocationException>(() => RegisterAsync(bed, target, management.Id, "Not/A Name"));
        Assert.Equal(ErrorCodes.ClusterAccessFailed, badName.ErrorCode);
    }
}
