using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Kubelink.Sidecar.Proxy;

/// <summary>
/// Bounds on every Kestrel listener of the sidecar (the loopback proxy, the GraphQL gateway), so that a misbehaving
/// local program cannot exhaust it: 800 connections sending headers slowly were all accepted and held (issue 11 item 11).
/// Connections that never finish TLS or their headers are closed, idle ones too, and past the cap new ones are closed
/// at once. The numbers and why: docs/limits.md, decision 14. A record so that tests can use small ones.
/// </summary>
internal sealed record ListenerLimits
{
    /// <summary>kubectl and the editor hold a few connections each (HTTP/2 multiplexes every watch on one).</summary>
    public int MaxConnections { get; init; } = 256;

    /// <summary>WebSockets (GraphQL subscriptions) and kubectl exec/port-forward streams, counted apart from the cap above.</summary>
    public int MaxUpgradedConnections { get; init; } = 64;

    /// <summary>From connect to the end of TLS; a loopback handshake takes milliseconds.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>From the first byte of a request to the end of its headers, which real clients write at once.</summary>
    public TimeSpan HeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A kept-alive connection with no request in flight is closed after this (a running watch is not idle).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public void Apply(KestrelServerOptions kestrel)
    {
        kestrel.Limits.MaxConcurrentConnections = MaxConnections;
        kestrel.Limits.MaxConcurrentUpgradedConnections = MaxUpgradedConnections;
        kestrel.Limits.RequestHeadersTimeout = HeadersTimeout;
        kestrel.Limits.KeepAliveTimeout = IdleTimeout;
    }

    /// <summary>For an https listener: a connection that never finishes TLS is closed too.</summary>
    public void Apply(HttpsConnectionAdapterOptions https) => https.HandshakeTimeout = HandshakeTimeout;
}
