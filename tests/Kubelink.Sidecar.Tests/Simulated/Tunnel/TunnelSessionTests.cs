using System.Net.Security;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kubelink.Sidecar.Simulated.Tunnel;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Simulated.Tunnel;

/// <summary>
/// A remotedialer session of the agent against a fake Rancher: Rancher's dial through the tunnel reaches the simulated
/// cluster's endpoint, speaks TLS checked against the agent's CA and calls <c>/readyz</c> with the cluster's token, as
/// Rancher does; refused dials, unknown connIDs and garbage are answered as the protocol says.
/// </summary>
public sealed class TunnelSessionTests
{
    [Fact]
    public async Task Dial_ThroughTheTunnel_TlsToTheClusterEndpointAndReadyzAnswers()
    {
        await using var bed = await AgentTestBed.StartAsync();
        var cluster = await bed.CreateReadyAsync("tunnelled");
        await using var rancher = await FakeRemotedialer.StartAsync();
        var address = $"127.0.0.1:{cluster.Port}";
        using var client = new ClientWebSocket();
        client.Options.KeepAliveInterval = TimeSpan.FromSeconds(5); // no KeepAliveTimeout: Rancher answers empty pongs
        await client.ConnectAsync(rancher.Register, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var session = new TunnelSession(client, a => a == address, TimeProvider.System).RunAsync(stop.Token);

        var (_, stream) = await rancher.DialAsync(address);
        using var ca = X509Certificate2.CreateFromPem(bed.Agent.CaPem);
        await using var tls = new SslStream(stream);
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(ca); // as Rancher: only the CA given in the tunnel params is trusted
        await Wait.For(tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1", CertificateChainPolicy = policy }), "TLS through the tunnel");
        await tls.WriteAsync(Encoding.ASCII.GetBytes($"GET /readyz HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {cluster.Token}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(tls);
        var response = await Wait.For(reader.ReadToEndAsync(), "the /readyz answer");
        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        Assert.Contains("\nok", response[response.IndexOf("\r\n\r\n", StringComparison.Ordinal)..], StringComparison.Ordinal); // the body (chunked or not)

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session); // ended by us, not by the peer
    }

    [Fact]
    public async Task Peer_RefusedDialUnknownConnIdAndGarbage_AnsweredThenSessionEnds()
    {
        await using var rancher = await FakeRemotedialer.StartAsync();
        using var client = new ClientWebSocket();
        await client.ConnectAsync(rancher.Register, CancellationToken.None);
        var session = new TunnelSession(client, _ => false, TimeProvider.System).RunAsync(CancellationToken.None);

        var (refused, _) = await rancher.DialAsync("10.0.0.1:6443");
        Assert.Contains("not allowed", await Wait.For(rancher.ErrorFor(refused), "the refusal"), StringComparison.Ordinal);
        await rancher.SendAsync(new TunnelMessage(9, 77, MessageType.Data, "x"u8.ToArray()));
        Assert.Equal("unknown connection", await Wait.For(rancher.ErrorFor(77), "the unknown-connID error"));
        await rancher.SendAsync(new TunnelMessage(10, 78, MessageType.Error, "EOF"u8.ToArray())); // unknown: ignored, not echoed
        await rancher.SendAsync(new TunnelMessage(11, 0, MessageType.AddClient, "other-replica"u8.ToArray())); // ignored by clients

        await rancher.SendRawAsync("hello"u8.ToArray(), WebSocketMessageType.Text);
        await Assert.ThrowsAsync<TunnelProtocolException>(() => Wait.For(session, "the session to end"));
        Assert.False(rancher.ErrorFor(78).IsCompleted);
    }
}
