using Kubelink.Protocol;
using Kubelink.Protocol.GraphQL;
using Kubelink.Sidecar.Proxy;
using Kubelink.Sidecar.Rpc;
using StreamJsonRpc;

namespace Kubelink.Sidecar.GraphQL.Local;

/// <summary><c>graphql/endpoint</c>: the URL and token of a connected cluster's GraphQL endpoint, its schema built first.</summary>
internal sealed class GraphQLHandler(ProxyRoutes routes, ProxyServer proxy, LocalGraphQL local) : IRpcTarget
{
    [JsonRpcMethod(Methods.GraphQLEndpoint, UseSingleObjectParameterDeserialization = true)]
    public async Task<GraphQLEndpointResult> EndpointAsync(GraphQLEndpointParams request, CancellationToken cancellationToken)
    {
        var route = routes.Find(request.ClusterId)
            ?? throw RpcErrors.Create(ErrorCodes.ClusterNotReady, $"Cluster '{request.ClusterId}' is not connected. Connect it, then open GraphQL again.");
        int kinds;
        try
        {
            var endpoint = await local.EnsureAsync(route, cancellationToken).ConfigureAwait(false);
            kinds = endpoint.Schema.Subscription?.Fields.Count / 2 ?? 0;
        }
        catch (Exception e) when (e is Execution.KubeCallError or HttpRequestException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw RpcErrors.Create(ErrorCodes.GraphQLSchemaFailed, $"The GraphQL schema of this cluster could not be built: {e.Message}");
        }
        var url = new Uri(proxy.BaseUrl, $"/graphql/{Uri.EscapeDataString(request.ClusterId)}").ToString();
        return new GraphQLEndpointResult { Url = url, Token = route.Token, BrowserUrl = $"{url}#token={Uri.EscapeDataString(route.Token)}", Kinds = kinds };
    }
}
