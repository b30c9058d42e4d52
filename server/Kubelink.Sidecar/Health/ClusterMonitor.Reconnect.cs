using Kubelink.Protocol.Clusters;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Health;

/// <summary>The reconnect episode of <see cref="ClusterMonitor"/>: back-off, attempts, a missing kubeconfig entry, recovery.</summary>
internal sealed partial class ClusterMonitor
{
    /// <summary>The reconnect episode: announce, then attempt with back-off until one succeeds (or the lifetime ends).</summary>
    private async Task ReconnectAsync(ProbeResult fault)
    {
        LogLost(logger, session.Id, fault.Cause, fault.Detail);
        if (fault.Kind == FaultKind.Network)
        {
            await PublishAsync(HealthState.Disconnected, fault, 0, null).ConfigureAwait(false);
        }

        var immediate = fault.Cause == FaultCause.Kubeconfig;
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
            var reason = await Signal.WaitAsync(timer, Nudges.Now | Nudges.Network | Nudges.Context, _lifetime).ConfigureAwait(false);
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
        // No attempt can run without an entry, so no request is bound to one: the state now is every waiter's answer.
        _requests.AnswerAll(session.Health);
        while (true)
        {
            var reason = await Signal.WaitAsync(never, Nudges.Context | Nudges.Now, _lifetime).ConfigureAwait(false);
            if (reason.HasFlag(Nudges.Context) && TakeEntryChange() is { } change && change != EntryGone)
            {
                return change;
            }

            _requests.AnswerAll(session.Health);
        }
    }

    private async Task RecoveredAsync()
    {
        var generation = session.State.Recovered();
        await PublishAsync(HealthState.Ready, null, 0, null).ConfigureAwait(false);
        LogRecovered(logger, session.Id, generation);
        Tell(() => session.RaiseRecovered(generation));
    }

    private async Task<ProbeResult> AttemptAsync(HealthTiming current)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, inFlight);
        _requests.Begin();
        try
        {
            var result = await reconnector.AttemptAsync(session, current, _lifetime).ConfigureAwait(false);
            if (result.Cause == FaultCause.Unauthorized)
            {
                session.InvalidateCredentials();
            }

            return result;
        }
        finally
        {
            _requests.End();
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static readonly ProbeResult EntryGone = ProbeResult.Network(FaultCause.Kubeconfig, "it was removed or is no longer valid. Restore it, or disconnect the cluster.");

    /// <summary>Applies the latest entry change: the new context for the next attempt, <see cref="EntryGone"/>, or null when none is pending.</summary>
    private ProbeResult? TakeEntryChange()
    {
        switch (_entry.Take())
        {
            case null:
                return null;
            case { Context: { } context }:
                var changed = context.Target.Differences(session.Target);
                session.Retarget(context.Entry, context.Target);
                LogTargetChanged(logger, session.Id, string.Join(", ", changed));
                _ = publisher.StageAsync(session, "connection", $"The entry's {Words(changed)} changed: reconnecting with the new values."); // never throws; ordered with nothing the monitor waits for
                return ProbeResult.Network(FaultCause.Kubeconfig, "reconnecting with its new server and credentials…");
            case var (_, problem):
                LogEntryGone(logger, session.Id, problem);
                return EntryGone;
        }
    }

    private static string Words(IReadOnlyList<string> changed) => changed.Count switch
    {
        0 => "connection settings",
        1 => changed[0],
        _ => string.Join(", ", changed.Take(changed.Count - 1)) + " and " + changed[^1],
    };

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
    private static partial void LogLost(ILogger logger, string clusterId, FaultCause? cause, string? detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {ClusterId} reconnected (generation {Generation})")]
    private static partial void LogRecovered(ILogger logger, string clusterId, long generation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {ClusterId}'s connection target changed ({Changed}); reconnecting with it")]
    private static partial void LogTargetChanged(ILogger logger, string clusterId, string changed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {ClusterId}'s catalog entry is gone or invalid: {Problem}")]
    private static partial void LogEntryGone(ILogger logger, string clusterId, string? problem);
}
