using Kubelink.Sidecar.Clusters.Upstream;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Kubelink.Sidecar.Proxy;

/// <summary>
/// Rewrites a local request for the API server: strips <c>/clusters/{id}</c>, replaces the caller's proxy token with the
/// cluster's real credentials. Everything else (hop-by-hop headers, upgrades, streaming) is YARP's default handling.
/// </summary>
internal sealed class UpstreamTransformer(UpstreamTransport upstream, PathString rest) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, rest, httpContext.Request.QueryString);
        proxyRequest.Headers.Authorization = await upstream.Credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        proxyRequest.Headers.Host = null; // the API server's own host, never the caller's loopback name
        proxyRequest.Headers.Remove("X-Forwarded-For");
        proxyRequest.Headers.Remove(ProxyEndpoint.MultiplexedHeader); // a note to the proxy, not to the API server
    }
}
