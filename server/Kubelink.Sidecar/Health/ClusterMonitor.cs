using System.Net.NetworkInformation;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Clusters;
using Kubelink.Sidecar.Sources;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Health;

/// <summary>
/// One cluster's health: ONE loop, whatever the number of views, that probes on the interval (or at once when nudged),
/// and on failure runs the reconnect episode itself. Because detection and reconnect share the loop, a second reconnect
/// can never be in flight, and faults that arrive during an episode are simply not listened to (the seed's duplicate
/// reconnects). States and their order are documented in docs/health.md.
/// </summary>
internal sealed partial class ClusterMonitor(ClusterSession session, HealthPublisher publisher, Reconnector reconnector, HealthClock clock, Func<HealthTiming> timing, ILogger logger, CancellationToken lifetime)
{
    private readonly CancellationToken _lifetime = lifetime;
    private readonly ReconnectRequests _requests = new(new MonitorSignal());
    private readonly EntryChanges _entry = new();
    private int _inFlight;
    private int _maxInFlight;

    private TaskCompletionSource<ConnectionHeartbeat> _heartbeat = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MonitorSignal Signal => _requests.Signal;

    /// <summary>The current ready phase's heartbeat, once started (tests count its answered PINGs).</summary>
    public Task<ConnectionHeartbeat> HeartbeatAsync() => Volatile.Read(ref _heartbeat).Task;

    // What a silent verdict says, by who gave it (the fault's detail in the health message).
    private static readonly string SentinelSilence = $"no answer to an HTTP/2 PING within {Kube.UpstreamPings.Timeout.TotalSeconds:0.#} s on an open connection";
    private static readonly string HeartbeatSilence = $"no answer to two HTTP/2 PINGs in a row within {Http2Heartbeat.Deadline.TotalSeconds:0.#} s each on an open connection";
    private static readonly string KernelSilence = $"bytes sent on an open connection stayed unacknowledged for {Kube.UpstreamSockets.UserTimeout.TotalSeconds:0.#} s (TCP_USER_TIMEOUT)";

    public ClusterSession Session => session;

    /// <summary>The most reconnect attempts ever in flight at once for this cluster: 1 by construction, and tests hold us to it.</summary>
    public int MaxAttemptsInFlight => Volatile.Read(ref _maxInFlight);

    public void Nudge(Nudges reason) => Signal.Nudge(reason);

    /// <summary>The catalog entry was removed or became invalid; any valid entry with this id brings the cluster back.</summary>
    public bool EntryMissing => _entry.Missing;

    /// <summary>The catalog entry now connects with <paramref name="context"/>, or is gone or invalid (<paramref name="problem"/>).</summary>
    public void EntryChanged(Connectable? context, string? problem)
    {
        if (_entry.Post(context, problem))
        {
            Signal.Nudge(Nudges.Context);
        }
    }

    /// <summary><c>cluster/reconnect</c>: answers with the health after the next probe (when ready) or attempt (when not).</summary>
    public Task<ClusterHealth> ReconnectNowAsync()
    {
        return _requests.Add() ?? Task.FromResult(session.Health);
    }

    /// <summary>Completes when the loop has stopped (the session's lifetime ended).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start() => Completion = Task.Run(RunAsync);

    private async Task RunAsync()
    {
        Action<long, FaultCause> sink = (_, _) => Signal.Nudge(Nudges.Fault);
        session.FaultSink = sink;
        try
        {
            await PublishAsync(HealthState.Ready, null, 0, null).ConfigureAwait(false);
            while (true)
            {
                if (await WatchAsync().ConfigureAwait(false) is { } fault)
                {
                    await ReconnectAsync(fault).ConfigureAwait(false);
                }
            }
        }
        catch (Exception) when (_lifetime.IsCancellationRequested)
        {
            // Deactivated or refreshed: the session's lifetime ended, and this monitor with it.
        }
        catch (Exception e)
        {
            LogCrashed(logger, session.Id, e);
        }
        finally
        {
            session.ReleaseFaultSink(sink);
            _requests.Stop(session.Health);
        }
    }

    /// <summary>The ready phase, with the generation's sentinel watch open: returns the fault that ends it, or null after a silent renewal.</summary>
    private async Task<ProbeResult?> WatchAsync()
    {
        using var sentinelStop = CancellationTokenSource.CreateLinkedTokenSource(_lifetime);
        var silentDetail = SentinelSilence;
        var sentinel = new SentinelWatch(session, () => session.Info.ListableResources, clock, timing, _ => Signal.Nudge(Nudges.Silent));
        var running = Task.Run(() => sentinel.RunAsync(session.Generation, sentinelStop.Token), CancellationToken.None);
        // The heartbeat's own connection sees a silent path in 1.25–1.5 s, before the sentinel's PING can (decision 63).
        var heartbeat = new ConnectionHeartbeat(session.Target, end =>
        {
            Volatile.Write(ref silentDetail, end == HeartbeatEnd.KernelTimeout ? KernelSilence : HeartbeatSilence);
            Signal.Nudge(Nudges.Silent);
        });
        var beating = Task.Run(() => heartbeat.RunAsync(clock.Time, sentinelStop.Token), CancellationToken.None);
        Volatile.Read(ref _heartbeat).TrySetResult(heartbeat);
        try
        {
            var lastTick = clock.Time.GetUtcNow();
            var due = lastTick + timing().Interval;
            while (true)
            {
                var current = timing();
                var wait = due - clock.Time.GetUtcNow();
                var reason = await DelayAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Nudges.Fault | Nudges.Network | Nudges.Now | Nudges.Context | Nudges.Silent).ConfigureAwait(false);
                var now = clock.Time.GetUtcNow();
                var slept = reason == Nudges.None && now - lastTick > current.SleepGap;
                lastTick = now;
                // A fixed rate: the next probe is due one interval after this one was due, not after it ends, so a black
                // hole's detection does not drift by each probe's own duration. A nudge, or a tick far behind (a sleep, a
                // probe longer than the interval), starts the schedule again from now.
                due = reason == Nudges.None && now - due < current.Interval ? due + current.Interval : now + current.Interval;
                if (reason.HasFlag(Nudges.Context) && TakeEntryChange() is { } change)
                {
                    return change;
                }

                if (reason.HasFlag(Nudges.Silent))
                {
                    // A probe would only wait for its timeout on a new connection into the same silent path.
                    return Refine(ProbeResult.Network(FaultCause.Timeout, Volatile.Read(ref silentDetail)));
                }

                // After a sleep every pooled connection is suspect: renew at once; views re-list (they missed events).
                var result = Refine(slept ? await AttemptAsync(current).ConfigureAwait(false) : await ProbeAsync(current).ConfigureAwait(false));
                if (!result.IsHealthy)
                {
                    return result;
                }

                if (slept)
                {
                    await RecoveredAsync().ConfigureAwait(false);
                    return null;
                }

                _requests.Answer(session.Health);
            }
        }
        finally
        {
            await sentinelStop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(running, beating).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            Interlocked.Exchange(ref _heartbeat, new TaskCompletionSource<ConnectionHeartbeat>(TaskCreationOptions.RunContinuationsAsynchronously));
        }
    }

    private async Task<ProbeResult> ProbeAsync(HealthTiming current)
    {
        _requests.Begin();
        try
        {
            return await ProbeOnceMoreAfterResetAsync(current).ConfigureAwait(false);
        }
        finally
        {
            _requests.End();
        }
    }

    private async Task<ProbeResult> ProbeOnceMoreAfterResetAsync(HealthTiming current)
    {
        using var client = session.CreateClient();
        var result = await HealthProbe.RunAsync(client, clock.Time, current.Timeout, _lifetime).ConfigureAwait(false);
        if (result.Cause == FaultCause.Reset)
        {
            // A reset may concern only the pooled connection it hit (a load balancer's idle timeout, a server that is
            // stopping): the pool drops it, so once more goes over a new one and says what the server itself does now.
            result = await HealthProbe.RunAsync(client, clock.Time, current.Timeout, _lifetime).ConfigureAwait(false);
        }

        if (result.Cause == FaultCause.Unauthorized)
        {
            session.InvalidateCredentials(); // an exec plugin's cached token may be the expired one
        }

        return result;
    }

    private async Task<Nudges> DelayAsync(TimeSpan delay, Nudges wanted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_lifetime);
        try
        {
            return await Signal.WaitAsync(Task.Delay(delay, clock.Time, stop.Token), wanted, _lifetime).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false); // releases the timer when a nudge came first
        }
    }

    /// <summary>A network fault while the machine itself is offline says so: the fix is on this side.</summary>
    private static ProbeResult Refine(ProbeResult result) =>
        result.Kind == FaultKind.Network && result.Cause is not (FaultCause.Kubeconfig or FaultCause.Http) && !NetworkInterface.GetIsNetworkAvailable()
            ? ProbeResult.Network(FaultCause.Network, "this machine has no network connection")
            : result;

    private async Task PublishAsync(HealthState state, ProbeResult? fault, int attempt, TimeSpan? nextRetry)
    {
        var message = fault is null ? null : HealthMessages.For(fault, session.Entry.Name, session.Entry.User);
        var health = await publisher.PublishAsync(session, state, fault, message, attempt, nextRetry).ConfigureAwait(false);
        _requests.Answer(health); // only the requests whose attempt has ended: a newer one waits for its own
        Tell(() => session.RaiseHealthChanged(health));
    }

    /// <summary>Runs views' and caches' handlers: a bug in one of them must not stop this cluster's health monitoring.</summary>
    private void Tell(Action raise)
    {
        try
        {
            raise();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSubscriberFailed(logger, session.Id, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A health subscriber of {ClusterId} failed")]
    private static partial void LogSubscriberFailed(ILogger logger, string clusterId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Health monitor of {ClusterId} stopped unexpectedly")]
    private static partial void LogCrashed(ILogger logger, string clusterId, Exception exception);
}
