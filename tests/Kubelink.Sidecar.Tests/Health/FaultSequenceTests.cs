using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Tests.Clusters;

namespace Kubelink.Sidecar.Tests.Health;

/// <summary>
/// The exact <c>cluster/health</c> sequence for each simulator fault. The first reconnect delay is long (30 s) so no attempt
/// runs by itself: the test fixes the fault, then asks for the attempt with <c>cluster/reconnect</c>, which makes every
/// sequence exact on any machine. Automatic attempts are covered by the back-off and flap tests.
/// </summary>
public sealed class FaultSequenceTests
{

    [Fact]
    public async Task ServerStopsAndComesBackOnTheSamePort()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Driven);
        var info = await bed.ConnectAsync("sim-admin");

        await bed.Simulator.Faults.RefuseConnectionsAsync();
        var lost = await bed.NextAsync(2);
        await bed.Simulator.Faults.AcceptConnectionsAsync();
        var answer = await bed.ReconnectAsync(info.Id);

        Assert.Equal(["disconnected/refused/0/-/1", "reconnecting/refused/1/+/1"], lost);
        Assert.Equal("ready/-/0/-/2", HealthEvents.Format(answer));
        Assert.Equal("ready/-/0/-/2", HealthEvents.Format(await bed.NextAsync()));
        // The route kept its token and now forwards over the new transport: kubectl's proxy kubeconfig still works.
        Assert.Contains("namespace/team-a", await TestSupport.Kubectl.OutputAsync(info.ProxyKubeconfigPath!, "get", "namespaces", "-o", "name"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionsReset()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Driven);
        var info = await bed.ConnectAsync("sim-admin");

        bed.Simulator.Faults.DropNewConnections = true;
        bed.Simulator.Faults.DropConnections();
        var lost = await bed.NextAsync(2);
        var retried = await bed.ReconnectAsync(info.Id);
        bed.Simulator.Faults.DropNewConnections = false;
        await bed.ReconnectAsync(info.Id);
        var rest = await bed.NextAsync(2);

        Assert.Equal(["disconnected/reset/0/-/1", "reconnecting/reset/1/+/1"], lost);
        Assert.Equal("reconnecting/reset/2/+/1", HealthEvents.Format(retried));
        Assert.Equal(["reconnecting/reset/2/+/1", "ready/-/0/-/2"], rest);
    }

    [Fact]
    public async Task BlackHole_IsAProbeTimeout()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Driven);
        var info = await bed.ConnectAsync("sim-admin");

        bed.Simulator.Faults.BlackHole = true;
        var lost = await bed.NextAsync(2);
        bed.Simulator.Faults.BlackHole = false;
        await bed.ReconnectAsync(info.Id);

        Assert.Equal(["disconnected/timeout/0/-/1", "reconnecting/timeout/1/+/1"], lost);
        Assert.Equal("ready/-/0/-/2", HealthEvents.Format(await bed.NextAsync()));
    }

    [Fact]
    public async Task ServerErrors_AreCauseHttp()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Driven);
        var info = await bed.ConnectAsync("sim-admin");

        bed.Simulator.Faults.FailRequests(503);
        var lost = await bed.NextAsync();
        var scheduled = await bed.NextAsync(1);
        var during = await bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterGet, new ClusterIdParams { ClusterId = info.Id });
        bed.Simulator.Faults.StopFailing();
        await bed.ReconnectAsync(info.Id);

        Assert.Equal("disconnected/http/0/-/1", HealthEvents.Format(lost));
        Assert.Equal(["reconnecting/http/1/+/1"], scheduled);
        Assert.Equal("Lost connection to sim-admin: the API server is not ready (/readyz answered 503 ServiceUnavailable). Reconnecting…", lost.Message);
        Assert.Equal(HealthState.Reconnecting, during.Health?.State);
        Assert.Equal("ready/-/0/-/2", HealthEvents.Format(await bed.NextAsync()));
    }

    [Fact]
    public async Task ExpiredCredentials_AreUnauthorized_NotADisconnect()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Driven);
        var info = await bed.ConnectAsync("sim-admin");

        bed.Simulator.Faults.ExpireUser("admin");
        var rejected = await bed.NextAsync();
        bed.Simulator.Faults.RestoreUser("admin");
        await bed.ReconnectAsync(info.Id);

        Assert.Equal("unauthorized/unauthorized/1/+/1", HealthEvents.Format(rejected));
        Assert.Contains("user 'admin'", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("log in again", rejected.Message, StringComparison.Ordinal);
        Assert.Equal("ready/-/0/-/2", HealthEvents.Format(await bed.NextAsync()));
    }

    [Fact]
    public async Task RevokedBinding_WhileConnected_StaysReady()
    {
        await using var bed = await ClusterTestBed.StartAsync(settings: HealthSettings.Driven);
        var info = await bed.ConnectAsync("sim-restricted");
        await TestSupport.Wait.Until(() => bed.Simulator.Store.OpenWatches("v1", "Pod") > 0, "the sentinel watch is open");
        var session = bed.Session(info.Id);
        var monitorSink = session.FaultSink!;
        var reported = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        session.FaultSink = (generation, cause) =>
        {
            reported.TrySetResult(Kubelink.Sidecar.Kube.FaultCauses.ToWire(cause));
            monitorSink(generation, cause);
        };

        // Every binding of the user: the sentinel's watch ends whichever namespace it watched, and reports it.
        Assert.True(bed.Simulator.Faults.RevokeBinding("team-a", "restricted-view"));
        Assert.True(bed.Simulator.Faults.RevokeBinding("team-b", "restricted-view"));
        await TestSupport.Wait.For(reported.Task, "the sentinel watch to report its end");
        var answer = await bed.ReconnectAsync(info.Id); // a probe now, after the one the fault caused

        Assert.Equal("ready/-/0/-/1", HealthEvents.Format(answer));
        Assert.Empty(bed.Sidecar.Received<ClusterHealth>(Methods.ClusterHealthChanged));
    }
}
