using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Health;
using Kubelink.Sidecar.Rpc;
using Kubelink.Sidecar.Tests.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kubelink.Sidecar.Tests.Health;

/// <summary>
/// <c>cluster/reconnect</c> is answered by the attempt it causes, never by the announcement of an earlier one. The
/// window is opened on purpose: the publisher is held right after it sent an announcement and before the monitor
/// answers its waiters, the request arrives in that window, and the fake clock guarantees no attempt runs by itself.
/// </summary>
public sealed class ReconnectAnswerTests
{
    [Fact]
    public async Task Reconnect_DuringAnAnnouncement_IsAnsweredByTheAttemptItCauses()
    {
        var (bed, gate, id) = await HoldFirstAnnouncementAsync();
        await using var _ = bed;

        await bed.Simulator.Faults.AcceptConnectionsAsync();
        var answer = bed.Monitor(id).ReconnectNowAsync(); // the request arrives while the announcement is in flight
        gate.Release();

        Assert.Equal("ready/-/0/-/2", HealthEvents.Format(await Wait.For(answer, "the answer to cluster/reconnect")));
    }

    [Fact]
    public async Task Reconnect_DuringAnAnnouncement_LeavesNoNudgeBehind()
    {
        var (bed, gate, id) = await HoldFirstAnnouncementAsync();
        await using var _ = bed;

        var first = bed.Monitor(id).ReconnectNowAsync();
        gate.Release();
        var firstAnswer = await Wait.For(first, "the answer to the first cluster/reconnect");
        var second = await bed.ReconnectAsync(id);
        var events = await bed.NextAsync(4);

        // Each request ran exactly one attempt; a nudge left latched would have run attempt 2 by itself (the fake clock
        // runs none), and the second request would then be answered by attempt 3 with a fourth announcement.
        Assert.Equal("reconnecting/refused/2/+/1", HealthEvents.Format(firstAnswer));
        Assert.Equal("reconnecting/refused/3/+/1", HealthEvents.Format(second));
        Assert.Equal(["disconnected/refused/0/-/1", "reconnecting/refused/1/+/1", "reconnecting/refused/2/+/1", "reconnecting/refused/3/+/1"], events);
        Assert.Empty(bed.Sidecar.Received<ClusterHealth>(Methods.ClusterHealthChanged));
    }

    /// <summary>A connected cluster whose server refuses connections, its monitor held just after announcing attempt 1.</summary>
    private static async Task<(ClusterTestBed Bed, HeldNotifications Gate, string Id)> HoldFirstAnnouncementAsync()
    {
        var gate = new HeldNotifications(h => h is { State: HealthState.Reconnecting, Attempt: 1 });
        var bed = await StartAsync(gate);
        var info = await bed.ConnectAsync("sim-admin");
        await bed.Simulator.Faults.RefuseConnectionsAsync();
        bed.Session(info.Id).ReportFault(1, FaultCause.Reset); // detection without a timer tick (the clock is fake)
        await Wait.For(gate.Held, "the announcement of attempt 1 to be sent");
        return (bed, gate, info.Id);
    }

    private static Task<ClusterTestBed> StartAsync(HeldNotifications gate) =>
        ClusterTestBed.StartAsync(
            settings: HealthSettings.Driven,
            configure: s =>
            {
                s.AddSingleton(new HealthClock(new FakeTimeProvider(DateTimeOffset.UtcNow), new Random(7)));
                s.AddSingleton<IClientNotifier>(sp => gate.Wrap(sp.GetRequiredService<ClientNotifier>()));
            });
}

/// <summary>
/// A notifier that sends every notification, but holds the sender of the first <c>cluster/health</c> matching a
/// condition until <see cref="Release"/>: the sender's next step (answering reconnect requests) waits for the test.
/// </summary>
internal sealed class HeldNotifications(Func<ClusterHealth, bool> hold)
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _taken;

    private bool Holds(ClusterHealth health) => hold(health) && Interlocked.Exchange(ref _taken, 1) == 0;

    /// <summary>Completes once the matching notification was sent and its sender is held.</summary>
    public Task Held => _held.Task;

    public void Release() => _released.TrySetResult();

    public IClientNotifier Wrap(IClientNotifier inner) => new Notifier(this, inner);

    private sealed class Notifier(HeldNotifications owner, IClientNotifier inner) : IClientNotifier
    {
        public async Task NotifyAsync<T>(string method, T payload)
        {
            await inner.NotifyAsync(method, payload);
            if (method == Methods.ClusterHealthChanged && payload is ClusterHealth health && owner.Holds(health))
            {
                owner._held.TrySetResult();
                await owner._released.Task;
            }
        }
    }
}
