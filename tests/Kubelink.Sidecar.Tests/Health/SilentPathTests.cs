using Kubelink.Protocol.Clusters;
using Kubelink.Protocol.Lifecycle;
using Kubelink.Sidecar.Tests.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Health;

/// <summary>
/// A path that goes silent (packets dropped, connections open: a dead VPN route), made with a TCP relay in front of the
/// simulator, and a server that is slow but alive. The probe interval is ten minutes here, so only HTTP/2 PINGs on
/// the heartbeat's connection and the sentinel watch's PINGs can see the black hole; and a 1.5 s latency, under the probe
/// timeout, must never look like one.
/// </summary>
public sealed class SilentPathTests
{
    private static readonly SidecarSettings NoProbes = HealthSettings.Driven with { HealthProbeIntervalSeconds = 600, HealthProbeTimeoutSeconds = 600 };

    [Fact]
    public async Task SilentPath_IsSeenByThePing_WithoutAProbe()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: NoProbes);
        await using var relay = await RelayedCluster.StartAsync(bed);
        var info = await bed.ConnectAsync("sim-relay");

        relay.BlackHole = true;
        var lost = await bed.NextAsync(2);
        relay.BlackHole = false;
        await bed.ReconnectAsync(info.Id);

        Assert.Equal(["disconnected/timeout/0/-/1", "reconnecting/timeout/1/+/1"], lost);
        Assert.Equal("ready/-/0/-/2", HealthEvents.Format(await bed.NextAsync()));
    }

    [Fact]
    public async Task SlowButAliveServer_IsNeverReportedDisconnected()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: NoProbes);
        await using var relay = await RelayedCluster.StartAsync(bed);
        var info = await bed.ConnectAsync("sim-relay");

        var heartbeat = await Wait.For(bed.Monitor(info.Id).HeartbeatAsync(), "the ready phase's heartbeat");
        Assert.True(await Wait.For(heartbeat.Speaking, "the heartbeat's h2 handshake"));
        bed.Simulator.Faults.Latency = TimeSpan.FromSeconds(1.5);
        var window = heartbeat.UntilAcksAsync(heartbeat.Acks + 12);
        // cluster/reconnect on a ready cluster answers after one probe: three probes answered at 1.5 s each, with the
        // sentinel watch idle all the while (its PINGs are answered at once by the server's HTTP/2 layer), and at least
        // twelve heartbeat PINGs answered (three seconds of its schedule, three times its verdict's window).
        var answers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(HealthEvents.Format(await bed.ReconnectAsync(info.Id)));
        }

        await Wait.For(window, "twelve heartbeat PINGs answered under the latency");
        bed.Simulator.Faults.Latency = TimeSpan.Zero;

        Assert.Equal(["ready/-/0/-/1", "ready/-/0/-/1", "ready/-/0/-/1"], answers);
        Assert.Empty(bed.Sidecar.Received<ClusterHealth>(Kubelink.Protocol.Methods.ClusterHealthChanged));
    }
}
