using Kubelink.Protocol.Lifecycle;
using Kubelink.Sidecar.Health;
using Kubelink.Sidecar.Tests.Clusters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kubelink.Sidecar.Tests.Health;

/// <summary>The reconnect schedule (doubling, capped, jittered within bounds) and the laptop events, on a fake clock so they run instantly.</summary>
public sealed class BackoffTests
{
    private static readonly HealthTiming Timing = HealthTiming.From(new SidecarSettings { ReconnectInitialDelaySeconds = 0.5, ReconnectMaxDelaySeconds = 4 });

    [Fact]
    public void Ceilings_Double_ThenHoldAtTheCap()
    {
        var ceilings = Enumerable.Range(1, 7).Select(n => Backoff.Ceiling(n, Timing.InitialDelay, Timing.MaxDelay).TotalSeconds);

        Assert.Equal([0.5, 1, 2, 4, 4, 4, 4], ceilings);
        Assert.Equal(Timing.MaxDelay, Backoff.Ceiling(int.MaxValue, Timing.InitialDelay, Timing.MaxDelay));
    }

    [Fact]
    public void Jitter_StaysBetweenHalfAndAllOfTheCeiling_AndVaries()
    {
        var random = new Random(1);
        var delays = Enumerable.Range(0, 1000).Select(_ => Backoff.Delay(3, Timing, random)).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
        Assert.True(delays.Distinct().Count() > 900, "the delays must be spread, not one value");
    }

    [Fact]
    public void BadSettings_FallBackToDefaultsOrFloors()
    {
        var timing = HealthTiming.From(new SidecarSettings { HealthProbeIntervalSeconds = double.NaN, HealthProbeTimeoutSeconds = -3, ReconnectInitialDelaySeconds = 10, ReconnectMaxDelaySeconds = 1 });

        Assert.Equal(TimeSpan.FromSeconds(5), timing.Interval);
        Assert.Equal(TimeSpan.FromSeconds(0.05), timing.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(10), timing.MaxDelay); // a cap below the first delay is raised to it
    }

    [Fact]
    public async Task RefusedServer_AttemptsFollowTheSchedule_OnAFakeClock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bed = await ClusterTestBed.StartAsync(
            settings: new SidecarSettings { HealthProbeIntervalSeconds = 5, HealthProbeTimeoutSeconds = 3, ReconnectInitialDelaySeconds = 0.5, ReconnectMaxDelaySeconds = 4 },
            configure: s => s.AddSingleton(new HealthClock(clock, new Random(42))));
        var info = await bed.ConnectAsync("sim-admin");

        await bed.Simulator.Faults.RefuseConnectionsAsync();
        // The sentinel watch usually reports the stop, but a probe that ran while the server was still draining may have
        // passed, and the fake clock brings no tick. A view's fault after the stop makes detection certain either way
        // (and is dropped if the episode has already begun).
        bed.Session(info.Id).ReportFault(1, Kubelink.Protocol.Clusters.FaultCause.Reset);
        var events = new List<string> { HealthEvents.Format(await bed.NextAsync()) };
        var delays = new List<long>();
        for (var attempt = 1; attempt <= 7; attempt++)
        {
            var scheduled = await bed.NextAsync();
            events.Add(HealthEvents.Format(scheduled));
            delays.Add(scheduled.NextRetryMs!.Value);
            if (attempt == 7)
            {
                await bed.Simulator.Faults.AcceptConnectionsAsync();
            }

            clock.Advance(TimeSpan.FromMilliseconds(scheduled.NextRetryMs.Value + 1));
        }

        events.Add(HealthEvents.Format(await bed.NextAsync()));

        Assert.Equal(
            ["disconnected/refused/0/-/1", .. Enumerable.Range(1, 7).Select(n => $"reconnecting/refused/{n}/+/1"), "ready/-/0/-/2"],
            events);
        double[] ceilings = [500, 1000, 2000, 4000, 4000, 4000, 4000];
        Assert.All(delays.Zip(ceilings), p => Assert.InRange(p.First, p.Second / 2, p.Second));
        Assert.Equal(1, bed.Monitor(info.Id).MaxAttemptsInFlight);
    }

    [Fact]
    public async Task NetworkChange_ProbesAtOnce()
    {
        // On a fake clock no tick ever comes, and the sentinel's watch is already open: only the network event can probe.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bed = await ClusterTestBed.StartAsync(
            settings: new SidecarSettings { HealthProbeIntervalSeconds = 5 },
            configure: s => s.AddSingleton(new HealthClock(clock, new Random(42))));
        await bed.ConnectAsync("sim-admin");
        await TestSupport.Wait.Until(() => bed.Simulator.Store.OpenWatches("v1", "Namespace") > 0, "the sentinel watch is open");
        bed.Simulator.Faults.FailRequests(503);

        bed.Sidecar.Host.Services.GetRequiredService<HealthService>().NetworkChanged();

        Assert.Equal(["disconnected/http/0/-/1", "reconnecting/http/1/+/1"], await bed.NextAsync(2));
    }

    [Fact]
    public async Task WakeFromSleep_RenewsTheConnection_WithoutADisconnect()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bed = await ClusterTestBed.StartAsync(
            settings: new SidecarSettings { HealthProbeIntervalSeconds = 5 },
            configure: s => s.AddSingleton(new HealthClock(clock, new Random(42))));
        var info = await bed.ConnectAsync("sim-admin");
        var recovered = new TaskCompletionSource<long>();
        bed.Session(info.Id).Recovered += g => recovered.TrySetResult(g);

        clock.Advance(TimeSpan.FromMinutes(40)); // the next tick comes 40 min late: the lid was closed

        Assert.Equal("ready/-/0/-/2", HealthEvents.Format(await bed.NextAsync()));
        Assert.Equal(2, await recovered.Task.WaitAsync(TestSupport.Wait.Default));
    }
}
