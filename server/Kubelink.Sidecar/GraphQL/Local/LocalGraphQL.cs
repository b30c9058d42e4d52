using System.Collections.Concurrent;
using Kubelink.Sidecar.ClusterAccess;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.GraphQL.Documents;
using Kubelink.Sidecar.GraphQL.Execution;
using Kubelink.Sidecar.GraphQL.Gateway;
using Kubelink.Sidecar.GraphQL.Schema;
using Kubelink.Sidecar.Proxy;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Sidecar.GraphQL.Local;

/// <summary>
/// <c>/graphql/{clusterId}</c> on the sidecar's loopback listener, for any connected cluster (no ClusterAccess needed): the
/// schema is built from the cluster's OpenAPI over its upstream transport and rebuilt when its CRDs change; requests are
/// guarded like the proxy (loopback Host, the cluster's proxy token) and run with the cluster's kubeconfig identity.
/// </summary>
internal sealed class LocalGraphQL(ProxyRoutes routes, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, Built> _built = new(StringComparer.Ordinal);

    /// <summary>The cluster's endpoint, built now if needed (a reconnect's new transport builds it again).</summary>
    public async Task<ClusterEndpoint> EnsureAsync(ProxyRoute route, CancellationToken cancellationToken)
    {
        var upstream = route.Upstream;
        if (_built.TryGetValue(route.ClusterId, out var built) && ReferenceEquals(built.Upstream, upstream))
        {
            return built.Endpoint;
        }
        var http = upstream.CreateDirectClient();
        http.Timeout = Timeout.InfiniteTimeSpan; // subscriptions hold watches open
        var api = new KubeRest(http, null);
        var endpoint = new ClusterEndpoint(route.ClusterId, SchemaBuilder.Build(await SchemaDocumentFetcher.FetchAsync(api, cancellationToken).ConfigureAwait(false)), http, forwardCallerToken: false);
        var watch = new CrdWatch(api, ct => RebuildAsync(route.ClusterId, upstream, http, api, ct), time);
        if (_built.TryGetValue(route.ClusterId, out var old))
        {
            old.Watch.Dispose();
        }
        _built[route.ClusterId] = new Built(upstream, endpoint, watch);
        watch.Start();
        return endpoint;
    }

    private async Task RebuildAsync(string clusterId, UpstreamTransport upstream, HttpClient http, KubeRest api, CancellationToken cancellationToken)
    {
        var schema = SchemaBuilder.Build(await SchemaDocumentFetcher.FetchAsync(api, cancellationToken).ConfigureAwait(false));
        if (_built.TryGetValue(clusterId, out var current) && ReferenceEquals(current.Upstream, upstream))
        {
            _built[clusterId] = current with { Endpoint = new ClusterEndpoint(clusterId, schema, http, forwardCallerToken: false) };
        }
    }

    public async Task HandleAsync(HttpContext context, string clusterId)
    {
        if (!ProxyEndpoint.IsLoopbackHost(context.Request.Host.Host))
        {
            await GraphQLHttp.WriteErrorAsync(context, StatusCodes.Status403Forbidden, $"Kubelink's GraphQL endpoint only answers to loopback host names, not '{context.Request.Host.Host}'.").ConfigureAwait(false);
            return;
        }
        if (routes.Find(clusterId) is not { } route)
        {
            await GraphQLHttp.WriteErrorAsync(context, StatusCodes.Status404NotFound, "This cluster is not connected in Kubelink. Connect it from the Clusters view first.").ConfigureAwait(false);
            return;
        }
        var isPage = HttpMethods.IsGet(context.Request.Method) && !context.Request.Query.ContainsKey("query") && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal);
        if (!isPage && !context.WebSockets.IsWebSocketRequest && !route.Accepts(BearerToken.From(context)))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await GraphQLHttp.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "Missing or wrong Kubelink proxy token: use Kubelink: Copy GraphQL Endpoint, which gives the URL and its token.").ConfigureAwait(false);
            return;
        }
        var endpoint = await EnsureAsync(route, context.RequestAborted).ConfigureAwait(false);
        await GraphQLHttp.HandleAsync(context, endpoint, time, token => route.Accepts(token)).ConfigureAwait(false);
    }

    public void Dispose()
    {
        foreach (var built in _built.Values)
        {
            built.Watch.Dispose();
        }
    }

    private sealed record Built(UpstreamTransport Upstream, ClusterEndpoint Endpoint, CrdWatch Watch);
}
