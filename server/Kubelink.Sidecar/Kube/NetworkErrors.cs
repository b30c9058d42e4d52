using System.Net.Sockets;
using System.Security.Authentication;
using Kubelink.Protocol.Clusters;

namespace Kubelink.Sidecar.Kube;

/// <summary>
/// The network-error classifier: one place that turns an exception from an HTTP call to an API server (sockets, TLS,
/// timeouts, a failed credential plugin) into a <see cref="FaultCause"/> and a sentence a person can act on.
/// </summary>
internal static class NetworkErrors
{
    /// <summary>The cause of a network-level failure, and the cause in words with the next step: for the proxy's 502, activation's failed stage, health probes and watches.</summary>
    public static (FaultCause Cause, string Message) Describe(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case HttpProtocolException when IsSilentConnection(e):
                    return (FaultCause.Timeout, "The API server stopped answering on an open connection (no reply to an HTTP/2 PING within a second): the network path is down, or the server is gone. Check your network or VPN.");
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return (FaultCause.Refused, "The API server refused the connection: nothing listens at that address and port. Check that the cluster is running and the server URL is right.");
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                    return (FaultCause.Dns, "The API server's host name does not resolve (DNS). Check the server URL, your VPN and your network.");
                case SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable } s:
                    return (FaultCause.Timeout, $"The API server cannot be reached ({s.SocketErrorCode}). Check your network or VPN.");
                case SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown } s:
                    return (FaultCause.Reset, $"The connection to the API server was reset ({s.SocketErrorCode}).");
                case AuthenticationException auth:
                    return (FaultCause.Tls, $"TLS failed: {auth.Message} The cluster's certificate is not trusted by the kubeconfig's certificate-authority; check that the CA matches the server.");
                case TimeoutException or TaskCanceledException:
                    return (FaultCause.Timeout, "The API server did not answer in time. It may be overloaded or unreachable.");
                case StreamJsonRpc.LocalRpcException or Kubelink.Sidecar.IO.FileRefusedException or FileNotFoundException:
                    return (FaultCause.Credentials, e.Message); // the exec plugin or the token file, not the connection
                case IOException io when io.InnerException is null:
                    return (FaultCause.Reset, $"The connection to the API server was reset: {io.Message}");
            }
        }

        return (FaultCause.Unknown, exception?.Message ?? "The API server could not be reached.");
    }

    /// <summary>
    /// The connection went silent: the peer did not acknowledge an HTTP/2 PING in time (<see cref="UpstreamPings"/>).
    /// A PING is answered by the server's HTTP/2 layer before any handler runs, so a slow server still answers it; a
    /// missed one means packets are lost (a dead VPN route) or the server process is gone. .NET says so only in the
    /// message (the error code is the generic protocol error), which is English here (invariant globalization). On Linux the
    /// kernel often says it first: <see cref="UpstreamSockets"/> sets TCP_USER_TIMEOUT, and bytes (the PING) that stay
    /// unacknowledged end an established connection with ETIMEDOUT, which only a path that drops packets causes.
    /// </summary>
    public static bool IsSilentConnection(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpProtocolException && e.Message.Contains("ping", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (e is SocketException { SocketErrorCode: SocketError.TimedOut })
            {
                // The kernel's verdict: unacknowledged bytes on an open connection (or, rarely, a SYN never answered).
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// HTTP/2 keep-alive PINGs on every upstream connection with a request open (the sentinel watch keeps one open per
/// cluster): after a second without a frame from the server, a PING; a second without its acknowledgment, and the
/// connection is declared dead. Both are the smallest values SocketsHttpHandler accepts. Cost: one 17-byte frame and its
/// answer per idle second per connection, no request and no work for the API server's handlers (decision 25).
/// </summary>
internal static class UpstreamPings
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
}
