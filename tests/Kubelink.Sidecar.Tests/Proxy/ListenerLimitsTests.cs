using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Kubelink.Sidecar.Proxy;
using Kubelink.Sidecar.Tests.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Kubelink.Sidecar.Tests.Proxy;

/// <summary>
/// Slow clients are shed by the loopback listener (issue 11 item 11): before, 800 connections sending headers slowly were
/// all accepted and held. Small limits here (the defaults are in <see cref="ListenerLimits"/>); each test awaits the
/// server closing the connection, never a clock.
/// </summary>
public sealed class ListenerLimitsTests
{
    private static readonly ListenerLimits Small = new()
    {
        MaxConnections = 8,
        HandshakeTimeout = TimeSpan.FromSeconds(2),
        HeadersTimeout = TimeSpan.FromSeconds(2),
        IdleTimeout = TimeSpan.FromSeconds(2),
    };

    [Fact]
    public async Task ClientsThatNeverFinishTheirHeaders_AreClosed_AndTheProxyStillServes()
    {
        await using var bed = await ClusterTestBed.StartAsync(configure: s => s.AddSingleton(Small));
        var info = await bed.ActivateAsync("sim-admin");
        var port = new Uri(info.ProxyUrl!).Port;

        // Each writes half a request line of headers over TLS, then nothing.
        var slow = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SlowHeadersAsync(port)));
        await Task.WhenAll(slow.Select(s => Wait.For(ClosedAsync(s), "the server to close a connection whose headers never ended")));

        Assert.Contains("namespace/default", await Kubectl.OutputAsync(info.ProxyKubeconfigPath!, "get", "namespace", "default", "-o", "name"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionsThatNeverStartTls_AreClosed()
    {
        await using var bed = await ClusterTestBed.StartAsync(configure: s => s.AddSingleton(Small));
        var info = await bed.ActivateAsync("sim-admin");

        using var silent = new TcpClient();
        await silent.ConnectAsync("127.0.0.1", new Uri(info.ProxyUrl!).Port);

        await Wait.For(ClosedAsync(silent.GetStream()), "the server to close a connection that never sent a TLS hello");
    }

    [Fact]
    public async Task PastTheCap_NewConnectionsAreClosedAtOnce_AndServedAgainOnceTheSlowOnesAreShed()
    {
        await using var bed = await ClusterTestBed.StartAsync(configure: s => s.AddSingleton(Small with { HandshakeTimeout = TimeSpan.FromMinutes(5) }));
        var info = await bed.ActivateAsync("sim-admin");
        var port = new Uri(info.ProxyUrl!).Port;

        // The cap's worth of connections that never say anything (and, with this handshake bound, are not shed for minutes).
        var held = new List<TcpClient>();
        for (var i = 0; i < Small.MaxConnections; i++)
        {
            var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            held.Add(client);
        }

        using var over = new TcpClient();
        await over.ConnectAsync("127.0.0.1", port); // the kernel accepts; Kestrel closes it
        await Wait.For(ClosedAsync(over.GetStream()), "the server to close a connection past the cap");

        held.ForEach(c => c.Dispose());
        Assert.Contains("namespace/default", await Kubectl.OutputAsync(info.ProxyKubeconfigPath!, "get", "namespace", "default", "-o", "name"), StringComparison.Ordinal);
    }

    private static async Task<Stream> SlowHeadersAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync("127.0.0.1");
        await tls.WriteAsync(Encoding.ASCII.GetBytes("GET /clusters/x/api HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
        await tls.FlushAsync();
        return tls;
    }

    /// <summary>Completes when the peer closes (end of stream or a reset); whatever it sends before (a 408) is read and dropped.</summary>
    private static async Task ClosedAsync(Stream stream)
    {
        var buffer = new byte[1024];
        try
        {
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        }
        catch (IOException)
        {
        }
    }
}
