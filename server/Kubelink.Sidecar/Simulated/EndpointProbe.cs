using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Kubelink.Sidecar.Simulated;

/// <summary>
/// Is the program on an endpoint's port still ours? A TCP connect is not enough: once our listener is gone, another program
/// may bind the port and accept, and every kubeconfig would then point at it. So the probe completes a TLS handshake and
/// compares the certificate presented with the endpoints' own (issued at this start; no request reaches the main cluster).
/// </summary>
internal static class EndpointProbe
{
    /// <summary>
    /// A bound for the connect and the handshake: generous, since a false "dead" restarts a busy listener (open watches
    /// drop and reconnect); someone else's program that accepts and never answers TLS is caught by it.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<bool> AnswersAsOursAsync(int port, X509Certificate2 ours, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(Timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, bound.Token).ConfigureAwait(false);
            byte[]? presented = null;
            await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) =>
            {
                presented = certificate?.GetRawCertData();
                return true; // judged below, by identity rather than by chain
            });
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" }, bound.Token).ConfigureAwait(false);
            return presented is not null && presented.AsSpan().SequenceEqual(ours.RawDataMemory.Span);
        }
        catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
