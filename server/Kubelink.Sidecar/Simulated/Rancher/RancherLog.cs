using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Simulated.Rancher;

/// <summary>The Rancher import's log lines. Never a token: clusters are named, Rancher's clusters by id.</summary>
internal static partial class RancherLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {Cluster}: imported into Rancher as {ClusterId}, opening the tunnels")]
    public static partial void Imported(ILogger logger, string cluster, string clusterId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {Cluster}: Rancher import failed: {Reason}")]
    public static partial void ImportFailed(ILogger logger, string cluster, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {Cluster}: Rancher {State} {Reason}")]
    public static partial void State(ILogger logger, string cluster, string state, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cluster {Cluster}: {Tunnel} tunnel reconnects in {Delay}")]
    public static partial void Retry(ILogger logger, string cluster, string tunnel, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {Cluster}: the import YAML's {Objects} were skipped (kinds the agent does not scope)")]
    public static partial void Skipped(ILogger logger, string cluster, string objects);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rancher deletion watcher: {Reason}")]
    public static partial void WatchFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {Cluster}: could not delete it in Rancher: {Reason}")]
    public static partial void DeleteFailed(ILogger logger, string cluster, string reason);
}
