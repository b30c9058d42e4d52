using System.Net;
using System.Net.Sockets;
using Kubelink.Sidecar.Kube;
using Kubelink.Sidecar.Tests.Health;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Clusters;

/// <summary>
/// The upstream connections a cluster costs: activation (the version check through the proxy route included) rides the
/// one multiplexed HTTP/2 connection, the heartbeat has one of its own, and every upstream socket carries
/// TCP_USER_TIMEOUT on Linux (decision 61).
/// </summary>
public sealed class UpstreamConnectionTests
{
    [Fact]
    public async Task Activation_OpensOneUpstreamConnection()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        await using var relay = await RelayedCluster.StartAsync(bed);

        var info = await bed.ConnectAsync("sim-relay");
        // The ready phase's heartbeat opens one more, of its own, which carries PINGs only (decision 63).
        var heartbeat = await Wait.For(bed.Monitor(info.Id).HeartbeatAsync(), "the ready phase's heartbeat");
        Assert.True(await Wait.For(heartbeat.Speaking, "the heartbeat's h2 handshake"));

        // The warm-up, the version check through the proxy, the concurrent access checks and the health probes all share
        // one; before, the version check and every concurrent check opened an HTTP/1.1 connection of its own (7 here).
        Assert.Equal(2, relay.AcceptedConnections);
    }

    [Fact]
    public async Task UpstreamSockets_CarryTheUserTimeout_OnLinux()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        await using var stream = await UpstreamSockets.ConnectAsync(new DnsEndPoint("localhost", port), CancellationToken.None);
        using var accepted = await listener.AcceptSocketAsync();

        Assert.True(stream.Socket.Connected);
        Assert.True(stream.Socket.NoDelay);
        if (OperatingSystem.IsLinux())
        {
            // What the kernel holds for this connection, read back from the socket (not from our own constant's use).
            Assert.Equal(1000, UpstreamSockets.ReadUserTimeout(stream.Socket));
        }
    }
}
