using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Rpc;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Clusters;

/// <summary>
/// Pushes every change of every session's <see cref="ClusterState"/> as <c>cluster/changed</c>. The extension keeps the
/// highest revision per cluster, so sends that overtake each other (raised from different threads) do no harm.
/// </summary>
internal sealed partial class ClusterChangePublisher(IClientNotifier notifier, ILogger<ClusterChangePublisher> logger)
{
    /// <summary>Follows a new session's state for its whole life (the session is dropped with its subscriber).</summary>
    public ClusterSession Follow(ClusterSession session)
    {
        session.State.Changed += change => _ = PushAsync(change);
        return session;
    }

    private async Task PushAsync(ClusterChange change)
    {
        try
        {
            await notifier.NotifyAsync(Methods.ClusterChanged, new ClusterChangedParams { ClusterId = change.Info.Id, Revision = change.Revision, Info = change.Info }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException)
        {
            // The extension went away; the next one asks cluster/get.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPushFailed(logger, change.Info.Id, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster/changed for {ClusterId} could not be sent")]
    private static partial void LogPushFailed(ILogger logger, string clusterId, Exception exception);
}
