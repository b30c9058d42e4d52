using System.Text.Json.Nodes;
using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Protocol.GraphQL;
using Kubelink.Sidecar.ClusterAccess.InProcess;
using Kubelink.Sidecar.Tests.Health;
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
        var (management, started) = await RegisterAndRunGatewayAsync(bed);
        var gateways = bed.Sidecar.Host.Services.GetRequiredService<ManagementGateways>();
        var admin = Path.Combine(bed.Kubeconfigs, "admin.yaml");

        Assert.Equal(gateways.DefinitionsOf(management.Id), started.Definitions);
        Assert.StartsWith("https://127.0.0.1:", started.Url, StringComparison.Ordinal);
        var gateway = gateways.Find(management.Id)!;
        var file = Path.Combine(started.Definitions, "ca-restricted.json");
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

    /// <summary>
    /// The management cluster (also the target) stops and comes back on the same port: the health monitor reconnects the route,
    /// the listener lists again over the new transport, queries answer again, and an open subscription resumes its watch from
    /// the last version it saw (WatchStream's retries span about 7 s), delivering what changed after the return. No call of
    /// the user's is needed.
    /// </summary>
    [Fact]
    public async Task ManagementClusterRestarts_QueriesAndAnOpenSubscriptionWorkAgain_WithoutUserAction()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Fast);
        var (_, started) = await RegisterAndRunGatewayAsync(bed);
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator });
        var url = started.Url + "ca-restricted/graphql";
        const string Query = """{ v1 { Pods(namespace: "team-a") { items { metadata { name } } } } }""";
        Assert.Null((await PostAsync(http, url, Query, bed.RestrictedToken)).Body["errors"]);
        using var subscription = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(new JsonObject { ["query"] = """subscription { v1_pods(namespace: "team-a") { type object { metadata { name } } } }""" }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        subscription.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bed.RestrictedToken);
        subscription.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var stream = await Wait.For(http.SendAsync(subscription, HttpCompletionOption.ResponseHeadersRead), "the SSE response");
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync());
        await NextPodEventAsync(events, _ => true); // the list's first ADDED: the watch is set up behind it

        await bed.Simulator.StopAsync();
        while ((await bed.NextAsync()).State != HealthState.Disconnected)
        {
        }
        var (_, down) = await PostAsync(http, url, Query, bed.RestrictedToken);
        Assert.Contains("did not answer", down["errors"]![0]!["message"]!.ToString(), StringComparison.Ordinal); // says why
        await bed.Simulator.StartAsync();
        while ((await bed.NextAsync()).State != HealthState.Ready)
        {
        }

        var (status, again) = await PostAsync(http, url, Query, bed.RestrictedToken);
        Assert.True(status == 200 && again["errors"] is null, again.ToJsonString());
        Assert.NotEmpty(again["data"]!["v1"]!["Pods"]!["items"]!.AsArray());
        bed.Simulator.Store.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = "after-restart", ["namespace"] = "team-a" },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "nginx" }) },
        });
        var added = await NextPodEventAsync(events, e => e["object"]?["metadata"]?["name"]?.ToString() == "after-restart");
        Assert.Equal("ADDED", added["type"]!.ToString());
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

    // Registers the restricted cluster as ClusterAccess "ca-restricted" in the connected admin cluster and runs its gateway,
    // returning once that path is served.
    private static async Task<(ClusterInfo Management, GraphQLGatewayResult Started)> RegisterAndRunGatewayAsync(ClusterTestBed bed)
    {
        var management = await bed.ActivateAsync("sim-admin");
        await Kubectl.OutputAsync(Path.Combine(bed.Kubeconfigs, "admin.yaml"), "apply", "-f", Path.Combine(AppContext.BaseDirectory, "deploy", "crd-clusteraccess.yaml"));
        await bed.Sidecar.Client.InvokeWithParameterObjectAsync<GraphQLRegisterResult>(Methods.GraphQLRegister,
            new GraphQLRegisterParams { ClusterId = await bed.IdOfAsync("sim-restricted"), ManagementClusterId = management.Id, Name = "ca-restricted" });
        var started = await bed.Sidecar.Client.InvokeWithParameterObjectAsync<GraphQLGatewayResult>(Methods.GraphQLGateway, new GraphQLGatewayParams { ClusterId = management.Id });
        var gateway = bed.Sidecar.Host.Services.GetRequiredService<ManagementGateways>().Find(management.Id)!;
        await UntilAsync(gateway.Folder, () => gateway.Folder.Find("ca-restricted") is not null, "the ClusterAccess served");
        return (management, started);
    }

    // The next event of the v1_pods subscription that matches; an error frame or the stream's end fails the test with its text.
    private static async Task<JsonObject> NextPodEventAsync(StreamReader reader, Func<JsonObject, bool> wanted)
    {
        while (await Wait.For(reader.ReadLineAsync(), "a subscription frame") is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal) || line.Length <= 6)
            {
                continue;
            }
            var frame = JsonNode.Parse(line[6..])!;
            Assert.True(frame["errors"] is null, frame.ToJsonString());
            if (frame["data"]!["v1_pods"]!.AsObject() is var e && wanted(e))
            {
                return e;
            }
        }
        throw new InvalidOperationException("The subscription's stream ended.");
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
