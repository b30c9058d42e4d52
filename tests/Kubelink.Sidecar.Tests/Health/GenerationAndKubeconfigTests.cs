using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Simulator;
using Kubelink.Sidecar.Tests.Clusters;

namespace Kubelink.Sidecar.Tests.Health;

/// <summary>Late faults from an old generation, the monitor's lifetime, and kubeconfig edits under a connected cluster.</summary>
public sealed class GenerationAndKubeconfigTests
{

    [Fact]
    public async Task FaultFromAnOldGeneration_IsIgnored()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Fast);
        var info = await bed.ConnectAsync("sim-admin");
        await bed.Simulator.Faults.RefuseConnectionsAsync();
        await bed.NextAsync(2);
        await bed.Simulator.Faults.AcceptConnectionsAsync();
        while ((await bed.NextAsync()).State != HealthState.Ready)
        {
        }

        var session = bed.Session(info.Id);
        var monitorSink = session.FaultSink!;
        var reached = new List<long>();
        session.FaultSink = (generation, cause) =>
        {
            reached.Add(generation);
            monitorSink(generation, cause);
        };
        session.ReportFault(1, FaultCause.Reset); // a late error from the connection that died
        var answer = await bed.ReconnectAsync(info.Id);

        Assert.Empty(reached);
        Assert.Equal("ready/-/0/-/2", HealthEvents.Format(answer));
        Assert.Empty(bed.Sidecar.Received<ClusterHealth>(Methods.ClusterHealthChanged));
        session.ReportFault(2, FaultCause.Reset);
        Assert.Equal([2L], reached);
    }

    [Fact]
    public async Task Deactivate_DuringReconnects_StopsThem()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Fast);
        var info = await bed.ConnectAsync("sim-admin");
        var monitor = bed.Monitor(info.Id);
        var session = bed.Session(info.Id);
        await bed.Simulator.Faults.RefuseConnectionsAsync();
        await bed.NextAsync(2);

        await bed.Sidecar.Client.InvokeWithParameterObjectAsync(Methods.ClusterDeactivate, new ClusterIdParams { ClusterId = info.Id });
        await TestSupport.Wait.For(monitor.Completion, "the monitor to stop");

        Assert.Null(session.FaultSink);
        var error = await Assert.ThrowsAsync<StreamJsonRpc.RemoteInvocationException>(() => bed.ReconnectAsync(info.Id));
        Assert.Contains("not connected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AThrowingSubscriber_DoesNotStopTheMonitor()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Fast);
        var info = await bed.ConnectAsync("sim-admin");
        var session = bed.Session(info.Id);
        session.HealthChanged += _ => throw new InvalidOperationException("a view's bug");
        session.Recovered += _ => throw new InvalidOperationException("a cache's bug");

        for (var flap = 1; flap <= 2; flap++)
        {
            await bed.Simulator.Faults.RefuseConnectionsAsync();
            Assert.Equal(HealthState.Disconnected, (await bed.NextAsync()).State);
            await bed.Simulator.Faults.AcceptConnectionsAsync();
            while ((await bed.NextAsync()).State != HealthState.Ready)
            {
            }
        }

        Assert.False(bed.Monitor(info.Id).Completion.IsCompleted);
        Assert.Equal(3, session.Generation);
    }

    [Fact]
    public async Task SidecarStop_EndsTheMonitors()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Fast);
        var info = await bed.ConnectAsync("sim-admin");
        var monitor = bed.Monitor(info.Id);
        await bed.Simulator.Faults.RefuseConnectionsAsync();
        await bed.NextAsync(2);

        await bed.Sidecar.Host.StopAsync();

        await TestSupport.Wait.For(monitor.Completion, "the monitor to stop with the sidecar");
    }

    [Fact]
    public async Task KubeconfigEdit_NewServer_ReconnectsToIt()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Fast);
        await using var other = new SimulatorServer(new SimulatorOptions { Namespaces = 1, Nodes = 1, PodsPerNamespace = 0 });
        await other.StartAsync();
        other.AddCertificateUser("admin", ["system:masters"]);
        var info = await bed.ConnectAsync("sim-admin");

        other.WriteKubeconfig(Path.Combine(bed.Kubeconfigs, "admin.yaml"), "admin", "sim-admin", "default");
        await bed.SyncAsync();
        var events = await bed.NextAsync(3);
        await bed.Simulator.Faults.RefuseConnectionsAsync(); // the old server goes away: the cluster must not care
        var answer = await bed.ReconnectAsync(info.Id);

        Assert.Equal(["disconnected/kubeconfig/0/-/1", "reconnecting/kubeconfig/1/+/1", "ready/-/0/-/2"], events);
        Assert.Equal("ready/-/0/-/2", HealthEvents.Format(answer));
        Assert.Empty(bed.Sidecar.Received<ClusterHealth>(Methods.ClusterHealthChanged));
        Assert.Equal(other.BaseAddress.Port, bed.Session(info.Id).Target.Server.Port);
    }

    [Fact]
    public async Task KubeconfigEntryRemoved_WaitsWithoutRetrying_AndComesBackWithIt()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Fast);
        var info = await bed.ConnectAsync("sim-admin");
        var file = Path.Combine(bed.Kubeconfigs, "admin.yaml");

        File.Delete(file);
        await bed.SyncAsync();
        var gone = await bed.NextAsync();
        var answer = await bed.ReconnectAsync(info.Id); // nothing to connect with: answers the current state
        bed.Simulator.WriteKubeconfig(file, "admin", "sim-admin", "default");
        await bed.SyncAsync();
        var back = await bed.NextAsync(2);

        Assert.Equal("disconnected/kubeconfig/0/-/1", HealthEvents.Format(gone));
        Assert.Contains("removed", gone.Message, StringComparison.Ordinal);
        Assert.Equal("disconnected/kubeconfig/0/-/1", HealthEvents.Format(answer));
        Assert.Equal(["reconnecting/kubeconfig/1/+/1", "ready/-/0/-/2"], back);
    }
}
