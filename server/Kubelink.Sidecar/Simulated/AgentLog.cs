using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Simulated;

/// <summary>The agent's log lines. Never a token: clusters are named, endpoints are ports.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Main cluster {Server} ({Kind})")]
    public static partial void MainCluster(ILogger logger, Uri server, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {Cluster}: endpoint on 127.0.0.1:{Port}")]
    public static partial void EndpointStarted(ILogger logger, string cluster, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {Cluster}: port {OldPort} is taken, endpoint moved to {NewPort}")]
    public static partial void PortMoved(ILogger logger, string cluster, int oldPort, int newPort);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {Cluster} is ready ({Nodes} nodes, {Pods} pods, {Writes} objects written)")]
    public static partial void Ready(ILogger logger, string cluster, int nodes, int pods, int writes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {Cluster} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string cluster, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {Cluster} deleted ({Why})")]
    public static partial void Deleted(ILogger logger, string cluster, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {Cluster}: reconcile repaired {Writes} objects")]
    public static partial void Repaired(ILogger logger, string cluster, int writes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {Cluster}: endpoint on port {Port} stopped answering as ours, restarting it")]
    public static partial void EndpointRestart(ILogger logger, string cluster, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile of {Cluster} failed: {Reason}")]
    public static partial void ReconcileFailed(ILogger logger, string cluster, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A reconcile or probe pass failed, the next one runs as planned: {Reason}")]
    public static partial void PassFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cluster {Cluster}: wrote {Kind} {Name}")]
    public static partial void Wrote(ILogger logger, string cluster, string kind, string name);
}
