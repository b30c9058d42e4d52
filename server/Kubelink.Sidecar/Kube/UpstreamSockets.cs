using System.Net.Sockets;

namespace Kubelink.Sidecar.Kube;

/// <summary>
/// The TCP connections under every upstream pool (<see cref="SocketsHttpHandler.ConnectCallback"/>). On Linux each gets
/// <c>TCP_USER_TIMEOUT</c> once it is connected: when bytes the sidecar sent (an HTTP/2 PING on an idle watch, a request)
/// stay unacknowledged by the peer's TCP stack for <see cref="UserTimeout"/>, the kernel ends the connection, so a path
/// that drops packets is seen a second after the PING that found it, not at SocketsHttpHandler's next 1 s heartbeat after
/// its 1 s ack timeout (decision 61). A slow server is not affected: its kernel acknowledges our bytes at once, whatever
/// its handlers take. Set after the connect, so a lost SYN still gets the normal retries within ConnectTimeout.
/// </summary>
internal static class UpstreamSockets
{
    /// <summary>How long sent bytes may stay unacknowledged before the kernel gives up on the connection.</summary>
    public static readonly TimeSpan UserTimeout = TimeSpan.FromSeconds(1);

    // <netinet/tcp.h>: TCP_USER_TIMEOUT (Linux 2.6.37+), in milliseconds. .NET has no named constant for it.
    private const int TcpUserTimeout = 18;

    /// <summary>Connects like SocketsHttpHandler's default (dual-mode socket, no Nagle), then sets the user timeout.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        await ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);

    /// <summary>The connect itself, for <see cref="ConnectAsync(SocketsHttpConnectionContext, CancellationToken)"/> and the tests.</summary>
    public static async ValueTask<NetworkStream> ConnectAsync(System.Net.DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            SetUserTimeout(socket);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sets <c>TCP_USER_TIMEOUT</c> on Linux; elsewhere (no such option) the HTTP/2 PING's own timeout is the only verdict.</summary>
    public static void SetUserTimeout(Socket socket)
    {
        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption((int)SocketOptionLevel.Tcp, TcpUserTimeout, BitConverter.GetBytes((int)UserTimeout.TotalMilliseconds));
        }
    }

    /// <summary>The socket's <c>TCP_USER_TIMEOUT</c> in milliseconds (Linux only): what the tests read back.</summary>
    public static int ReadUserTimeout(Socket socket)
    {
        var value = new byte[sizeof(int)];
        socket.GetRawSocketOption((int)SocketOptionLevel.Tcp, TcpUserTimeout, value);
        return BitConverter.ToInt32(value);
    }
}
