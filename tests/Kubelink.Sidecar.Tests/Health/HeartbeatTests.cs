using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Health;
using Kubelink.Sidecar.Tests.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Health;

/// <summary>
/// The heartbeat connection (decision 63) on real sockets: a PING-only HTTP/2 connection to the simulator (Kestrel) through a
/// <see cref="Kubelink.Simulator.Network.DelayRelay"/>, and a TLS server that does not speak h2. Windows are counted in
/// answered PINGs, never in wall time; timeouts are only backstops.
/// </summary>
public sealed class HeartbeatTests
{
    [Fact]
    public async Task Heartbeat_SeesARelayThatDropsEveryByte()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        await using var relay = await RelayedCluster.StartAsync(bed);
        var acked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var acks = 0;

        using var beat = await Http2Heartbeat.ConnectAsync(Target(relay.BaseAddress, bed.Simulator.CaCertificatePem), () =>
        {
            if (Interlocked.Increment(ref acks) == 4)
            {
                acked.TrySetResult();
            }
        }, CancellationToken.None);
        Assert.NotNull(beat);
        await Wait.For(acked.Task, "four PINGs answered by the simulator's HTTP/2 layer");
        Assert.False(beat.Completion.IsCompleted);

        relay.BlackHole = true;

        // The relay's kernel still acknowledges every byte, so only the missing PING answers can tell.
        Assert.Equal(HeartbeatEnd.Silent, await Wait.For(beat.Completion, "the heartbeat's silent verdict"));
    }

    [Fact]
    public async Task Heartbeat_OfAReadyCluster_IsItsOwnConnection_AndClosesWithIt()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        await using var relay = await RelayedCluster.StartAsync(bed);
        var info = await bed.ConnectAsync("sim-relay");
        var heartbeat = await Wait.For(bed.Monitor(info.Id).HeartbeatAsync(), "the ready phase's heartbeat");

        Assert.True(await Wait.For(heartbeat.Speaking, "the heartbeat's h2 handshake"));
        await Wait.For(heartbeat.UntilAcksAsync(heartbeat.Acks + 2), "two more PINGs answered");
        Assert.Equal(0, relay.ClosedConnections);

        await bed.Sidecar.Client.InvokeWithParameterObjectAsync<object>(Kubelink.Protocol.Methods.ClusterDeactivate, new Kubelink.Protocol.Clusters.ClusterIdParams { ClusterId = info.Id });

        // Both the request connection and the heartbeat's are closed by the client: nothing is left open upstream.
        await Wait.For(relay.UntilClosedAsync(relay.AcceptedConnections), "every upstream connection closed");
        Assert.Equal(2, relay.AcceptedConnections);
    }

    [Fact]
    public async Task ServerWithoutH2_GetsNoHeartbeat_AndItsConnectionIsClosed()
    {
        using var certificate = SelfSigned();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = ServeHttp11OnceAsync(listener, certificate);
        var silent = 0;
        var heartbeat = new ConnectionHeartbeat(
            new ConnectionTarget { Server = new Uri($"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"), Tls = new TlsOptions { InsecureSkipVerify = true }, Credentials = NoCredentials.Instance },
            _ => Interlocked.Increment(ref silent));

        await Wait.For(heartbeat.RunAsync(TimeProvider.System, CancellationToken.None), "the heartbeat giving up on a server without h2");

        Assert.False(await heartbeat.Speaking);
        Assert.Equal("http/1.1", await Wait.For(server, "the server's view of the handshake"));
        Assert.Equal(0, silent);
    }

    /// <summary>Answers one TLS handshake offering only HTTP/1.1, then reads until the client closes; returns the protocol agreed.</summary>
    private static async Task<string> ServeHttp11OnceAsync(TcpListener listener, X509Certificate2 certificate)
    {
        using var socket = await listener.AcceptSocketAsync();
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate, ApplicationProtocols = [SslApplicationProtocol.Http11] });
        var buffer = new byte[64];
        while (await tls.ReadAsync(buffer) > 0)
        {
        }

        return tls.NegotiatedApplicationProtocol.ToString();
    }

    private static ConnectionTarget Target(Uri server, string caPem) => new()
    {
        Server = server,
        Tls = new TlsOptions { CertificateAuthority = PemSource.FromText(caPem) },
        Credentials = NoCredentials.Instance,
    };

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
