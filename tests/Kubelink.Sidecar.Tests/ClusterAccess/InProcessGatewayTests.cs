using System.Text.Json.Nodes;
using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Protocol.GraphQL;
using Kubelink.Sidecar.ClusterAccess.InProcess;
using Kubelink.Sidecar.GraphQL.Gateway;
using Kubelink.Sidecar.Tests.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Kubelink.Sidecar.Tests.ClusterAccess;

/// <summary>
/// The listener and gateway inside the sidecar (<c>graphql/gateway</c>): the simulator, connected as admin, is the management
/// cluster and the target; a ClusterAccess in it is written to the state folder and served on the sidecar's loopback listener
/// with the caller's own token.
/// </summary>
public sealed class InProcessGatewayTests
{
    [Fact]
    public async Task ClusterAccess_InConnectedManagementCluster_IsServedThroughTheSidecar_UntilDeletedOrDisconnected()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var management = await bed.ActivateAsync("sim-admin");
        var admin = Path.Combine(bed.Kubeconfigs, "admin.yaml");
        await Kubectl.OutputAsync(admin, "apply", "-f", Path.Combine(AppContext.BaseDirectory, "deploy", "crd-clusteraccess.yaml"));
        await bed.Sidecar.Client.InvokeWithParameterObjectAsync<GraphQLRegisterResult>(Methods.GraphQLRegister,
            new GraphQLRegisterParams { ClusterId = await bed.IdOfAsync("sim-restricted"), ManagementClusterId = management.Id, Name = "ca-restricted" });
        var gateways = bed.Sidecar.Host.Services.GetRequiredService<ManagementGateways>();

        var started = await bed.Sidecar.Client.InvokeWithParameterObjectAsync<GraphQLGatewayResult>(Methods.GraphQLGateway, new GraphQLGatewayParams { ClusterId = management.Id });

        Assert.Equal(gateways.DefinitionsOf(management.Id), started.Definitions);
        Assert.StartsWith("https://127.0.0.1:", started.Url, StringComparison.Ordinal);
        var gateway = gateways.Find(management.Id)!;
        var file = Path.Combine(started.Definitions, "ca-restricted.json");
        await UntilAsync(gateway.Folder, () => gateway.Folder.Find("ca-restricted") is not null, "the ClusterAccess served");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(started.Definitions));

        // The caller's token goes to the target: the restricted user may list team-a, and no token is 401.
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator });
        var url = started.Url + "ca-restricted/graphql";
        var (ok, pods) = await PostAsync(http, url, """{ v1 { Pods(namespace: "team-a") { items { metadata { name } } } } }""", bed.RestrictedToken);
        Assert.Equal(200, ok);
        Assert.Null(pods["errors"]);
        Assert.NotEmpty(pods["data"]!["v1"]!["Pods"]!["items"]!.AsArray());
        var (_, forbidden) = await PostAsync(http, url, """{ v1 { Pods(namespace: "kube-system") { items { metadata { name } } } } }""", bed.RestrictedToken);
        Assert.Contains("forbidden", forbidden["errors"]![0]!["message"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(401, (await PostAsync(http, url, "{ __typename }", null)).Status);

        // Deleted in the management cluster: the finalizer runs, the file goes, the path stops serving.
        await Kubectl.OutputAsync(admin, "delete", "clusteraccess", "ca-restricted", "--wait=false");
        await UntilAsync(gateway.Folder, () => gateway.Folder.Find("ca-restricted") is null && !File.Exists(file), "the deleted ClusterAccess unserved");
        Assert.Equal(404, (await PostAsync(http, url, "{ __typename }", bed.RestrictedToken)).Status);

        // The management cluster disconnected: its gateway stops.
        var stopped = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        gateways.Stopped += id => stopped.TrySetResult(id);
        await bed.Sidecar.Client.InvokeWithParameterObjectAsync(Methods.ClusterDeactivate, new ClusterIdParams { ClusterId = management.Id });
        Assert.Equal(management.Id, await Wait.For(stopped.Task, "the gateway stopped"));
        Assert.Null(gateways.Find(management.Id));
        Assert.Equal(404, (await PostAsync(http, started.Url + "any/graphql", "{ __typename }", bed.RestrictedToken)).Status);
    }

    [Fact]
    public async Task NotConnectedCluster_IsClusterNotReady()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var id = await bed.IdOfAsync("sim-admin");
        var error = await Assert.ThrowsAsync<StreamJsonRpc.RemoteInvocationException>(() =>
            bed.Sidecar.Client.InvokeWithParameterObjectAsync<GraphQLGatewayResult>(Methods.GraphQLGateway, new GraphQLGatewayParams { ClusterId = id }));
        Assert.Equal(ErrorCodes.ClusterNotReady, error.ErrorCode);
    }

    // Awaits the folder's change events (each load or unload raises one) until the condition holds.
    private static async Task UntilAsync(DefinitionsFolder folder, Func<bool> condition, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (condition())
            {
                done.TrySetResult();
            }
        }
        folder.Changed += Check;
        try
        {
            Check();
            await Wait.For(done.Task, what);
        }
        finally
        {
            folder.Changed -= Check;
        }
    }

    private static Task<(int Status, JsonObject Body)> PostAsync(HttpClient http, string url, string query, string? token) =>
        GraphQLPost.SendAsync(http, url, query, token);
}
