using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Clusters;
using Kubelink.Sidecar.Rpc;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Health;

/// <summary>
/// Publishes one health transition to the extension: <see cref="ClusterInfo.Health"/> (for <c>cluster/get</c> and a
/// restarted extension) and the <c>cluster/health</c> notification. Only the monitor's single loop calls it, so
/// transitions are never reordered; the monitor then raises <see cref="IClusterLink.HealthChanged"/> for views.
/// </summary>
internal sealed class HealthPublisher(IClientNotifier notifier, HealthClock clock)
{
    public async Task<ClusterHealth> PublishAsync(ClusterSession session, HealthState state, ProbeResult? fault, string? message, int attempt, TimeSpan? nextRetry)
    {
        var now = clock.Time.GetUtcNow();
        var health = session.State.HealthApplied((previous, generation) => new ClusterHealth
        {
            ClusterId = session.Id,
            State = state,
            Cause = fault?.Cause,
            Message = message,
            SsoProfile = state == HealthState.Ready ? null : fault?.SsoProfile,
            Attempt = attempt,
            NextRetryMs = nextRetry is { } d ? (long)Math.Round(d.TotalMilliseconds) : null,
            Generation = generation,
            // "Disconnected for 2 min" counts from the start of the episode, not from the latest attempt.
            Since = previous is not null && previous.State != HealthState.Ready && state != HealthState.Ready ? previous.Since : now,
        });
        try
        {
            await notifier.NotifyAsync(Methods.ClusterHealthChanged, health).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException)
        {
            // The extension went away; the state is kept for the next cluster/get.
        }

        return health;
    }

    /// <summary>A line of the cluster's stage log (<c>cluster/stage</c>) from the monitor, such as a reconnect for a changed target.</summary>
    public async Task StageAsync(ClusterSession session, string stage, string message)
    {
        try
        {
            await notifier.NotifyAsync(Methods.ClusterStage, new ClusterStageParams
            {
                ClusterId = session.Id, Stage = stage, Message = message, Level = StageLevel.Info, Timestamp = clock.Time.GetUtcNow(),
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException)
        {
            // The extension went away.
        }
    }
}
