using Kubelink.Sidecar.Kube;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Kubelink.Sidecar.Proxy;

/// <summary>
/// Handles <c>/clusters/{id}/…</c>: refuses a non-loopback Host (DNS rebinding: a web page must not reach the proxy
/// through a name that resolves to 127.0.0.1), requires the cluster's proxy token, then forwards unbuffered.
/// </summary>
internal sealed partial class ProxyEndpoint(ProxyRoutes routes, IHttpForwarder forwarder, ILogger<ProxyEndpoint> logger)
{
    // Short requests go upstream over a pool of HTTP/1.1 connections: measured (B2) twice the throughput of one
    // multiplexed HTTP/2 connection. Long-lived streams (watch, log follow) go over HTTP/2, so a thousand watches
    // share a few connections instead of holding a thousand TLS sessions open against the API server.
    private static readonly ForwarderRequestConfig Short = new()
    {
        ActivityTimeout = TimeSpan.FromMinutes(5),
        Version = System.Net.HttpVersion.Version11,
        VersionPolicy = System.Net.Http.HttpVersionPolicy.RequestVersionOrLower,
    };

    // Upgrades (exec, attach, port-forward: SPDY or WebSocket) need HTTP/1.1's Upgrade and stay open.
    private static readonly ForwarderRequestConfig Upgrade = new()
    {
        ActivityTimeout = TimeSpan.FromHours(1),
        Version = System.Net.HttpVersion.Version11,
        VersionPolicy = System.Net.Http.HttpVersionPolicy.RequestVersionExact,
    };

    /// <summary>
    /// Sent by the sidecar's own calls through a route (<see cref="Kube.KubeApi.ForRoute"/>: activation's version check, the
    /// metadata refresh): forward over the cluster's multiplexed HTTP/2 connection, which activation has already opened,
    /// instead of a new HTTP/1.1 connection (TCP and TLS: two round trips on a remote link, B1). Removed before forwarding.
    /// </summary>
    public const string MultiplexedHeader = "X-Kubelink-Upstream";

    public const string MultiplexedValue = "multiplexed";

    private static readonly ForwarderRequestConfig Multiplexed = new()
    {
        ActivityTimeout = TimeSpan.FromMinutes(5),
        Version = System.Net.HttpVersion.Version20,
        VersionPolicy = System.Net.Http.HttpVersionPolicy.RequestVersionOrLower,
    };

    private static readonly ForwarderRequestConfig Streaming = new()
    {
        ActivityTimeout = TimeSpan.FromHours(1),
        Version = System.Net.HttpVersion.Version20,
        VersionPolicy = System.Net.Http.HttpVersionPolicy.RequestVersionOrLower,
    };

    public async Task HandleAsync(HttpContext context)
    {
        if (!IsLoopbackHost(context.Request.Host.Host))
        {
            await KubeStatus.WriteAsync(context, 403, "Forbidden", $"The Kubelink proxy only answers to loopback host names, not '{context.Request.Host.Host}'.").ConfigureAwait(false);
            return;
        }

        var segments = context.Request.Path.Value!.Split('/', 4); // "", "clusters", id, rest
        var route = segments.Length >= 3 ? routes.Find(segments[2]) : null;
        if (route is null)
        {
            await KubeStatus.WriteAsync(context, 404, "NotFound", "This cluster is not connected in Kubelink. Connect it from the Clusters view first.").ConfigureAwait(false);
            return;
        }

        var presented = context.Request.Headers.Authorization.ToString();
        if (!presented.StartsWith("Bearer ", StringComparison.Ordinal) || !route.Accepts(presented["Bearer ".Length..]))
        {
            await KubeStatus.WriteAsync(context, 401, "Unauthorized", "Missing or wrong Kubelink proxy token. Use the proxy kubeconfig Kubelink wrote for this cluster.").ConfigureAwait(false);
            return;
        }

        var rest = new PathString(segments.Length == 4 ? "/" + segments[3] : "/");
        var config = ConfigFor(context.Request);
        // One read: a reconnect may swap the route's upstream while this request is in flight.
        var upstream = route.Upstream;
        var generation = route.Link?.Generation ?? 0;
        var error = await forwarder.SendAsync(context, upstream.Server.ToString(), upstream.ForwardingInvoker, config, new UpstreamTransformer(upstream, rest)).ConfigureAwait(false);
        if (error == ForwarderError.None)
        {
            return;
        }

        var (cause, message) = NetworkErrors.Describe(context.Features.Get<IForwarderErrorFeature>()?.Exception);
        if (IsUpstreamFault(error) && cause.IsConnectionFault())
        {
            // kubectl's failures are health evidence too: the monitor probes at once (ignored for an old generation).
            route.Link?.ReportFault(generation, cause);
        }

        if (!context.Response.HasStarted)
        {
            LogForwardFailed(logger, route.ClusterId, error.ToString(), cause.ToWire());
            await KubeStatus.WriteAsync(context, 502, "ServiceUnavailable", message, cause.ToWire()).ConfigureAwait(false);
        }
    }

    /// <summary>The API server's side failed (not the local caller hanging up or cancelling).</summary>
    private static bool IsUpstreamFault(ForwarderError error) => error is ForwarderError.Request or ForwarderError.RequestTimedOut
        or ForwarderError.RequestBodyDestination or ForwarderError.ResponseBodyDestination or ForwarderError.ResponseHeaders
        or ForwarderError.UpgradeRequestDestination or ForwarderError.UpgradeResponseDestination;

    /// <summary>How a request goes upstream (HTTP version, idle bound); the simulated clusters' endpoints use it too.</summary>
    public static ForwarderRequestConfig ConfigFor(HttpRequest request) =>
        request.Headers.Upgrade.Count > 0 ? Upgrade
        : IsStreaming(request) ? Streaming
        : request.Headers[MultiplexedHeader] == MultiplexedValue ? Multiplexed
        : Short;

    /// <summary>Watches and log follows stay open with little traffic.</summary>
    private static bool IsStreaming(HttpRequest request) =>
        request.Query["watch"] is ["1" or "true"] || request.Query["follow"] is ["true" or "1"];

    public static bool IsLoopbackHost(string host) =>
        host is "127.0.0.1" or "localhost" or "[::1]" or "::1" || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Proxy to cluster {ClusterId} failed: {Error} ({Cause})")]
    private static partial void LogForwardFailed(ILogger logger, string clusterId, string error, string cause);
}
