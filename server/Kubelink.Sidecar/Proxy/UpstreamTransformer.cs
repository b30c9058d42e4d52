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

    public override ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        // A body-less request was already sent once more with a new token (UpstreamTransport.ForwardingInvoker); a 401
        // here is one with a body (a stream cannot be sent again) or a second refusal: the caller gets it as it is, and
        // the next request through the proxy carries a new token when the source can make one.
        if (proxyResponse?.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            upstream.Credentials.InvalidateRejected(proxyResponse.RequestMessage?.Headers.Authorization);
        }

        return base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
    }
}
