using System.Net.NetworkInformation;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Clusters;
using Kubelink.Sidecar.Kubeconfig;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Health;

/// <summary>
/// One cluster's health: ONE loop, whatever the number of views, that probes on the interval (or at once when nudged),
/// and on failure runs the reconnect episode itself. Because detection and reconnect share the loop, a second reconnect
/// can never be in flight, and faults that arrive during an episode are simply not listened to (the seed's duplicate
/// reconnects). States and their order are documented in docs/health.md.
/// </summary>
internal sealed partial class ClusterMonitor(ClusterSession session, HealthPublisher publisher, Reconnector reconnector, HealthClock clock, Func<HealthTiming> timing, ILogger logger)
{
    private readonly MonitorSignal _signal = new();
    private readonly CancellationToken _lifetime = session.Lifetime.Token;
    private readonly List<TaskCompletionSource<ClusterHealth>> _waiters = [];
    private (ResolvedContext? Context, string? Problem)? _entryChange;
    private bool _entryMissing;
    private bool _stopped;
    private int _inFlight;
    private int _maxInFlight;

    public ClusterSession Session => session;

    /// <summary>The most reconnect attempts ever in flight at once for this cluster: 1 by construction, and tests hold us to it.</summary>
    public int MaxAttemptsInFlight => Volatile.Read(ref _maxInFlight);

    public void Nudge(Nudges reason) => _signal.Nudge(reason);

    /// <summary>The kubeconfig entry was removed or became invalid; any valid entry with this id brings the cluster back.</summary>
    public bool EntryMissing
    {
        get
        {
            lock (_waiters)
            {
                return _entryMissing;
            }
        }
    }

    /// <summary>The kubeconfig entry now reads <paramref name="context"/>, or is gone or invalid (<paramref name="problem"/>).</summary>
    public void EntryChanged(ResolvedContext? context, string? problem)
    {
        lock (_waiters)
        {
            // Every later catalog change would say "still gone" again: one notice per disappearance is enough.
            if (context is null && _entryMissing)
            {
                return;
            }

            _entryMissing = context is null;
            _entryChange = (context, problem);
        }

        _signal.Nudge(Nudges.Context);
    }

    /// <summary><c>cluster/reconnect</c>: answers with the health after the next probe (when ready) or attempt (when not).</summary>
    public Task<ClusterHealth> ReconnectNowAsync()
    {
        var answer = new TaskCompletionSource<ClusterHealth>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (_stopped)
            {
                return Task.FromResult(session.Health); // the loop is gone; nothing will ever answer a waiter
            }

            _waiters.Add(answer);
        }

        _signal.Nudge(Nudges.Now);
        return answer.Task;
    }

    /// <summary>Completes when the loop has stopped (the session's lifetime ended).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start() => Completion = Task.Run(RunAsync);

    private async Task RunAsync()
    {
        session.FaultSink = (_, _) => _signal.Nudge(Nudges.Fault);
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
            session.FaultSink = null;
            lock (_waiters)
            {
                _stopped = true;
            }

            Answer(session.Health);
        }
    }

    /// <summary>The ready phase, with the generation's sentinel watch open: returns the fault that ends it, or null after a silent renewal.</summary>
    private async Task<ProbeResult?> WatchAsync()
    {
        using var sentinelStop = CancellationTokenSource.CreateLinkedTokenSource(_lifetime);
        var sentinel = new SentinelWatch(session, () => session.Info.ListableResources, clock, timing);
        var running = Task.Run(() => sentinel.RunAsync(session.Generation, sentinelStop.Token), CancellationToken.None);
        try
        {
            var lastTick = clock.Time.GetUtcNow();
            while (true)
            {
                var current = timing();
                var reason = await DelayAsync(current.Interval, Nudges.Fault | Nudges.Network | Nudges.Now | Nudges.Context).ConfigureAwait(false);
                var now = clock.Time.GetUtcNow();
                var slept = reason == Nudges.None && now - lastTick > current.SleepGap;
                lastTick = now;
                if (reason.HasFlag(Nudges.Context) && TakeEntryChange() is { } change)
                {
                    return change;
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

                Answer(session.Health);
            }
        }
        finally
        {
            await sentinelStop.CancelAsync().ConfigureAwait(false);
            await running.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    /// <summary>The reconnect episode: announce, then attempt with back-off until one succeeds (or the lifetime ends).</summary>
    private async Task ReconnectAsync(ProbeResult fault)
    {
        LogLost(logger, session.Id, fault.Cause, fault.Detail);
        if (fault.Kind == FaultKind.Network)
        {
            await PublishAsync(HealthState.Disconnected, fault, 0, null).ConfigureAwait(false);
        }

        var immediate = fault.Cause == "kubeconfig";
        for (var attempt = 1; ; attempt++)
        {
            if (fault == EntryGone)
            {
                fault = await WaitForEntryAsync().ConfigureAwait(false);
                (attempt, immediate) = (1, true);
            }

            var current = timing();
            var delay = immediate ? TimeSpan.Zero : Backoff.Delay(attempt, current, clock.Random);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(_lifetime);
            // The timer starts before the notification that announces it, so a test that advances a fake clock by
            // nextRetryMs on seeing the notification always finds the timer there.
            var timer = Task.Delay(delay, clock.Time, stop.Token);
            await PublishAsync(fault.Kind == FaultKind.Auth ? HealthState.Unauthorized : HealthState.Reconnecting, fault, attempt, delay).ConfigureAwait(false);
            var reason = await _signal.WaitAsync(timer, Nudges.Now | Nudges.Network | Nudges.Context, _lifetime).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            if (reason.HasFlag(Nudges.Context) && TakeEntryChange() is { } change)
            {
                fault = change;
                if (change == EntryGone)
                {
                    await PublishAsync(HealthState.Disconnected, change, 0, null).ConfigureAwait(false);
                    continue;
                }
            }

            var result = Refine(await AttemptAsync(current).ConfigureAwait(false));
            if (result.IsHealthy)
            {
                await RecoveredAsync().ConfigureAwait(false);
                return;
            }

            (fault, immediate) = (result, false);
        }
    }

    /// <summary>The entry is gone: no attempts (there is nothing to connect with) until it comes back.</summary>
    private async Task<ProbeResult> WaitForEntryAsync()
    {
        var never = Task.Delay(Timeout.InfiniteTimeSpan, clock.Time, _lifetime);
        while (true)
        {
            var reason = await _signal.WaitAsync(never, Nudges.Context | Nudges.Now, _lifetime).ConfigureAwait(false);
            if (reason.HasFlag(Nudges.Context) && TakeEntryChange() is { } change && change != EntryGone)
            {
                return change;
            }

            Answer(session.Health);
        }
    }

    private async Task RecoveredAsync()
    {
        var generation = session.Generation + 1;
        session.Generation = generation;
        await PublishAsync(HealthState.Ready, null, 0, null).ConfigureAwait(false);
        LogRecovered(logger, session.Id, generation);
        session.RaiseRecovered(generation);
    }

    private async Task<ProbeResult> ProbeAsync(HealthTiming current)
    {
        using var client = session.CreateClient();
        var result = await HealthProbe.RunAsync(client, clock.Time, current.Timeout, _lifetime).ConfigureAwait(false);
        if (result.Cause == "reset")
        {
            // A reset may concern only the pooled connection it hit (a load balancer's idle timeout, a server that is
            // stopping): the pool drops it, so once more goes over a new one and says what the server itself does now.
            result = await HealthProbe.RunAsync(client, clock.Time, current.Timeout, _lifetime).ConfigureAwait(false);
        }

        if (result.Cause == "unauthorized")
        {
            session.InvalidateCredentials(); // an exec plugin's cached token may be the expired one
        }

        return result;
    }

    private async Task<ProbeResult> AttemptAsync(HealthTiming current)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, inFlight);
        try
        {
            var result = await reconnector.AttemptAsync(session, current, _lifetime).ConfigureAwait(false);
            if (result.Cause == "unauthorized")
            {
                session.InvalidateCredentials();
            }

            return result;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<Nudges> DelayAsync(TimeSpan delay, Nudges wanted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_lifetime);
        try
        {
            return await _signal.WaitAsync(Task.Delay(delay, clock.Time, stop.Token), wanted, _lifetime).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false); // releases the timer when a nudge came first
        }
    }

    private static readonly ProbeResult EntryGone = ProbeResult.Network("kubeconfig", "it was removed or is no longer valid. Restore it, or disconnect the cluster.");

    /// <summary>Applies the latest entry change: the new context for the next attempt, <see cref="EntryGone"/>, or null when none is pending.</summary>
    private ProbeResult? TakeEntryChange()
    {
        (ResolvedContext? Context, string? Problem)? change;
        lock (_waiters)
        {
            (change, _entryChange) = (_entryChange, null);
        }

        if (change is null)
        {
            return null;
        }

        if (change.Value.Context is not { } context)
        {
            LogEntryGone(logger, session.Id, change.Value.Problem);
            return EntryGone;
        }

        session.Context = context;
        return ProbeResult.Network("kubeconfig", "reconnecting with its new server and credentials…");
    }

    /// <summary>A network fault while the machine itself is offline says so: the fix is on this side.</summary>
    private static ProbeResult Refine(ProbeResult result) =>
        result.Kind == FaultKind.Network && result.Cause is not ("kubeconfig" or "http") && !NetworkInterface.GetIsNetworkAvailable()
            ? ProbeResult.Network("network", "this machine has no network connection")
            : result;

    private async Task PublishAsync(HealthState state, ProbeResult? fault, int attempt, TimeSpan? nextRetry)
    {
        var message = fault is null ? null : HealthMessages.For(fault, session.Context.Context.Name, session.Context.Context.Value.User);
        Answer(await publisher.PublishAsync(session, state, fault, message, attempt, nextRetry).ConfigureAwait(false));
    }

    /// <summary>Completes the pending <c>cluster/reconnect</c> calls.</summary>
    private void Answer(ClusterHealth health)
    {
        List<TaskCompletionSource<ClusterHealth>> waiting;
        lock (_waiters)
        {
            waiting = [.. _waiters];
            _waiters.Clear();
        }

        waiting.ForEach(w => w.TrySetResult(health));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {ClusterId} lost: {Cause} ({Detail}); reconnecting")]
    private static partial void LogLost(ILogger logger, string clusterId, string? cause, string? detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {ClusterId} reconnected (generation {Generation})")]
    private static partial void LogRecovered(ILogger logger, string clusterId, long generation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {ClusterId}'s kubeconfig entry is gone or invalid: {Problem}")]
    private static partial void LogEntryGone(ILogger logger, string clusterId, string? problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Health monitor of {ClusterId} stopped unexpectedly")]
    private static partial void LogCrashed(ILogger logger, string clusterId, Exception exception);
}
