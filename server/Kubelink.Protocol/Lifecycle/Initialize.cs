namespace Kubelink.Protocol.Lifecycle;

/// <summary>Client → server, first message of every session: who the client is and which protocol it speaks.</summary>
public sealed record InitializeParams
{
    /// <summary>The client's name, for the log ("Kubelink for VS Code").</summary>
    public required string ClientName { get; init; }

    /// <summary>The client's version, for the log.</summary>
    public required string ClientVersion { get; init; }

    /// <summary>The protocol version the client was built against; must equal <see cref="ProtocolInfo.Version"/>.</summary>
    public required int ProtocolVersion { get; init; }

    /// <summary>The user's settings that the sidecar needs; absent fields keep their defaults.</summary>
    public SidecarSettings? Settings { get; init; }
}

/// <summary>Settings the extension forwards to the sidecar. Every field is optional.</summary>
public sealed record SidecarSettings
{
    /// <summary>Extra kubeconfig files or folders to sync, besides <c>KUBECONFIG</c> / <c>~/.kube/config</c>.</summary>
    public IReadOnlyList<string>? KubeconfigSyncPaths { get; init; }

    /// <summary>How often a connected cluster's version, node count and distribution are refreshed, in seconds (default 60, minimum 1).</summary>
    public int? ClusterRefreshIntervalSeconds { get; init; }

    /// <summary>Seconds between two health probes of a connected cluster (default 5, minimum 0.05). A watch that breaks triggers a probe at once, whatever the interval.</summary>
    public double? HealthProbeIntervalSeconds { get; init; }

    /// <summary>Seconds a health probe may take before the cluster counts as unreachable: this bounds how long a silent black hole goes unnoticed (default 3, minimum 0.05).</summary>
    public double? HealthProbeTimeoutSeconds { get; init; }

    /// <summary>The first reconnect delay in seconds; each failed attempt doubles it, with jitter (default 0.5, minimum 0.01).</summary>
    public double? ReconnectInitialDelaySeconds { get; init; }

    /// <summary>The longest wait between two reconnect attempts, in seconds (default 30, minimum 0.05).</summary>
    public double? ReconnectMaxDelaySeconds { get; init; }

    /// <summary>Make the token of kubeconfig users that exec <c>aws eks get-token</c> in-process instead of running <c>aws</c> (default true).</summary>
    public bool? EksInProcessToken { get; init; }
}

/// <summary>Server → client answer to <c>initialize</c>.</summary>
public sealed record InitializeResult
{
    /// <summary>The sidecar's version (its assembly informational version).</summary>
    public required string ServerVersion { get; init; }

    /// <summary>The protocol version the sidecar speaks.</summary>
    public required int ProtocolVersion { get; init; }

    /// <summary>What this sidecar can do.</summary>
    public required ServerCapabilities Capabilities { get; init; }
}

/// <summary>What the sidecar offers, so a client can hide what an older sidecar lacks.</summary>
public sealed record ServerCapabilities
{
    /// <summary>Every method name the sidecar handles, requests and notifications alike.</summary>
    public required IReadOnlyList<string> Methods { get; init; }

    /// <summary>The process id of the sidecar, so the client can tell a restart from a reconnect.</summary>
    public required int ProcessId { get; init; }

    /// <summary>Where the sidecar writes its rolling log file.</summary>
    public required string LogDirectory { get; init; }

    /// <summary>
    /// The features this sidecar has (<see cref="SidecarFeatures"/>): each capability folder registers its own, so the
    /// client shows a command only when the sidecar it talks to can answer it.
    /// </summary>
    public required IReadOnlyList<string> Features { get; init; }
}

/// <summary>
/// Names of <see cref="ServerCapabilities.Features"/>. A cluster source adds <c>source.</c> and its kind in camelCase
/// (<c>source.kubeconfig</c>, <c>source.eks</c>); the extension turns each into the context key
/// <c>kubelink.feature.NAME</c> for its menus' <c>when</c> clauses.
/// </summary>
public static class SidecarFeatures
{
    /// <summary>The sidecar pushes <c>cluster/changed</c>.</summary>
    public const string ClusterChanged = "clusterChanged";

    /// <summary>Per-cluster GraphQL endpoints (<c>graphql/endpoint</c>).</summary>
    public const string GraphQL = "graphql";

    /// <summary>The feature name of a cluster source kind.</summary>
    public static string Source(string wireKind) => "source." + wireKind;
}
