using System.Text.Json.Nodes;
using Kubelink.Protocol;
using Kubelink.Protocol.GraphQL;
using Kubelink.Sidecar.Tests.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.GraphQL;

/// <summary>The editor's endpoint: any connected cluster gets /graphql/{id} on the sidecar's listener, guarded by its proxy token.</summary>
public sealed class LocalGraphQLTests
{
    [Fact]
    public async Task ConnectedCluster_EndpointServesQueries_WithTheKubeconfigIdentity_AndNeedsTheProxyToken()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var cluster = await bed.ActivateAsync("sim-restricted");
        var endpoint = await bed.Sidecar.Client.InvokeWithParameterObjectAsync<GraphQLEndpointResult>(Methods.GraphQLEndpoint, new GraphQLEndpointParams { ClusterId = cluster.Id });
        Assert.StartsWith("https://127.0.0.1:", endpoint.Url, StringComparison.Ordinal);
        Assert.Contains("#token=", endpoint.BrowserUrl, StringComparison.Ordinal);
        Assert.True(endpoint.Kinds > 10);

        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator });
        Task<(int Status, JsonObject Body)> PostAsync(string query, string? token) => GraphQLPost.SendAsync(http, endpoint.Url, query, token);

        var (ok, pods) = await PostAsync("""{ v1 { Pods(namespace: "team-a") { items { metadata { name } } } } }""", endpoint.Token);
        Assert.Equal(200, ok);
        Assert.Null(pods["errors"]);
        Assert.NotEmpty(pods["data"]!["v1"]!["Pods"]!["items"]!.AsArray());
        // The kubeconfig's identity (restricted: view in team-a and team-b only), not more.
        var (_, forbidden) = await PostAsync("""{ v1 { Pods(namespace: "kube-system") { items { metadata { name } } } } }""", endpoint.Token);
        Assert.Contains("forbidden", forbidden["errors"]![0]!["message"]!.ToString(), StringComparison.Ordinal);
        var (wrong, _) = await PostAsync("{ __typename }", "not-the-proxy-token");
        Assert.Equal(401, wrong);
        var (none, _) = await PostAsync("{ __typename }", null);
        Assert.Equal(401, none);
    }

    [Fact]
    public async Task NotConnectedCluster_IsClusterNotReady()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var id = await bed.IdOfAsync("sim-admin");
        var error = await Assert.ThrowsAsync<StreamJsonRpc.RemoteInvocationException>(() =>
            bed.Sidecar.Client.InvokeWithParameterObjectAsync<GraphQLEndpointResult>(Methods.GraphQLEndpoint, new GraphQLEndpointParams { ClusterId = id }));
        Assert.Equal(ErrorCodes.ClusterNotReady, error.ErrorCode);
    }
}
