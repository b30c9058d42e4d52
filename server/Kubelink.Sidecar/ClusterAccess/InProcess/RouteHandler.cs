using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Proxy;

namespace Kubelink.Sidecar.ClusterAccess.InProcess;

/// <summary>
/// Sends over the route's current transport. A reconnect swaps the route's transport and disposes the old one (its watches
/// fail); the listener's retry then goes over the new transport, so the in-sidecar listener survives reconnects.
/// </summary>
internal sealed class RouteHandler(ProxyRoute route) : HttpMessageHandler
{
    private Current? _current;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var upstream = route.Upstream;
        var current = Volatile.Read(ref _current);
        if (current is null || !ReferenceEquals(current.Upstream, upstream))
        {
            // An invoker, not an HttpClient: the request was already sent by the caller's client, which HttpClient refuses.
            current = new Current(upstream, new HttpMessageInvoker(upstream.CreateDirectHandler(), disposeHandler: false));
            Volatile.Write(ref _current, current);
        }
        return current.Invoker.SendAsync(request, cancellationToken);
    }

    private sealed record Current(UpstreamTransport Upstream, HttpMessageInvoker Invoker);
}
