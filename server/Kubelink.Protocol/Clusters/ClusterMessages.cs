namespace Kubelink.Protocol.Clusters;

/// <summary>Names one catalog entry.</summary>
public sealed record ClusterIdParams
{
    /// <summary>The catalog id (<c>CatalogEntry.id</c>).</summary>
    public required string ClusterId { get; init; }
}

/// <summary>Client → server: connect a cluster.</summary>
public sealed record ClusterActivateParams
{
    /// <summary>The catalog id.</summary>
    public required string ClusterId { get; init; }

    /// <summary>Namespaces the user configured for this cluster (setting <c>kubelink.clusters.accessibleNamespaces</c>); when set, they are used instead of listing namespaces, for users who may not list them.</summary>
    public IReadOnlyList<string>? AccessibleNamespaces { get; init; }
}

/// <summary>Client → server: change the namespace kubectl uses through the proxy kubeconfig.</summary>
public sealed record SetDefaultNamespaceParams
{
    /// <summary>The catalog id.</summary>
    public required string ClusterId { get; init; }

    /// <summary>The new default namespace; null goes back to the kubeconfig context's own.</summary>
    public string? Namespace { get; init; }
}

/// <summary>A cluster's connection state.</summary>
public enum ClusterStatus
{
    /// <summary>Not connected (never activated, or deactivated).</summary>
    Disconnected,

    /// <summary>Activation is running.</summary>
    Connecting,

    /// <summary>The API server answered <c>/version</c> through the proxy; permission checks still run.</summary>
    Accessible,

    /// <summary>At least one resource kind is known to be LIST-able: views can open.</summary>
    Ready,

    /// <summary>Activation failed; the last <c>cluster/stage</c> says why and what to do.</summary>
    Failed,
}

/// <summary>How a stage went.</summary>
public enum StageLevel
{
    /// <summary>Progress.</summary>
    Info,

    /// <summary>Something degraded but not fatal (a fallback was used).</summary>
    Warning,

    /// <summary>The stage failed.</summary>
    Error,
}

/// <summary>Server → client: one step of an activation, shown as the connection log.</summary>
public sealed record ClusterStageParams
{
    /// <summary>The catalog id.</summary>
    public required string ClusterId { get; init; }

    /// <summary>Which step: <c>proxy</c>, <c>credentials</c>, <c>version</c>, <c>validated</c> (EKS connections), <c>admin</c>, <c>watch</c>, <c>namespaces</c>, <c>discovery</c>, <c>permissions</c>, <c>ready</c>.</summary>
    public required string Stage { get; init; }

    /// <summary>What happened, in words; for a failure also the next step.</summary>
    public required string Message { get; init; }

    /// <summary>How it went.</summary>
    public required StageLevel Level { get; init; }

    /// <summary>When, ISO 8601.</summary>
    public required DateTimeOffset Timestamp { get; init; }
}

/// <summary>Server → client: the cluster's status changed.</summary>
public sealed record ClusterStatusParams
{
    /// <summary>The catalog id.</summary>
    public required string ClusterId { get; init; }

    /// <summary>The new status.</summary>
    public required ClusterStatus Status { get; init; }
}

/// <summary>
/// Server → client: a cluster's whole state after any change (status, permission map, metadata, health, default
/// namespace). Changes of one cluster carry increasing revisions; a client keeps the highest it has seen, because
/// notifications sent from different threads may arrive out of order.
/// </summary>
public sealed record ClusterChangedParams
{
    /// <summary>The catalog id.</summary>
    public required string ClusterId { get; init; }

    /// <summary>Orders the changes of one cluster within one sidecar session (a later one replaces an earlier one).</summary>
    public required long Revision { get; init; }

    /// <summary>The cluster's state after the change, as <c>cluster/get</c> would answer it.</summary>
    public required ClusterInfo Info { get; init; }
}

/// <summary>A resource kind the user may LIST, and where.</summary>
public sealed record ListableResource
{
    /// <summary>API group, "" for the core group.</summary>
    public required string Group { get; init; }

    /// <summary>Preferred version.</summary>
    public required string Version { get; init; }

    /// <summary>Plural resource name (<c>pods</c>).</summary>
    public required string Resource { get; init; }

    /// <summary>Kind (<c>Pod</c>).</summary>
    public required string Kind { get; init; }

    /// <summary>True for namespaced kinds.</summary>
    public required bool Namespaced { get; init; }

    /// <summary>True when LIST is allowed cluster-wide (all namespaces at once).</summary>
    public required bool AllNamespaces { get; init; }

    /// <summary>The namespaces where LIST is allowed, when not cluster-wide.</summary>
    public required IReadOnlyList<string> Namespaces { get; init; }
}

/// <summary>Everything known about a cluster's connection: the answer of <c>cluster/get</c> and <c>cluster/activate</c>.</summary>
public sealed record ClusterInfo
{
    /// <summary>The catalog id.</summary>
    public required string Id { get; init; }

    /// <summary>Connection status.</summary>
    public required ClusterStatus Status { get; init; }

    /// <summary>The API server's <c>gitVersion</c>, once known.</summary>
    public required string? Version { get; init; }

    /// <summary>May create anything in <c>kube-system</c>.</summary>
    public required bool IsAdmin { get; init; }

    /// <summary>May watch every resource cluster-wide.</summary>
    public required bool CanWatchAll { get; init; }

    /// <summary>The namespaces Kubelink works with.</summary>
    public required IReadOnlyList<string> Namespaces { get; init; }

    /// <summary>Where <see cref="Namespaces"/> came from: <c>configured</c>, <c>list</c>, <c>kubeconfig</c> or <c>none</c>.</summary>
    public required string? NamespaceSource { get; init; }

    /// <summary>The LIST-permission map so far (it grows after ready).</summary>
    public required IReadOnlyList<ListableResource> ListableResources { get; init; }

    /// <summary>True once every namespace's permissions are known.</summary>
    public required bool PermissionsComplete { get; init; }

    /// <summary>The local proxy URL for this cluster (<c>https://127.0.0.1:PORT/clusters/{id}</c>), while connected.</summary>
    public required string? ProxyUrl { get; init; }

    /// <summary>The kubeconfig that points kubectl at the proxy (mode 0600), while connected.</summary>
    public required string? ProxyKubeconfigPath { get; init; }

    /// <summary>The default namespace written into the proxy kubeconfig.</summary>
    public required string? DefaultNamespace { get; init; }

    /// <summary>Why the last activation failed, or null.</summary>
    public required string? Error { get; init; }

    /// <summary>Number of nodes, when the user may list them.</summary>
    public int? NodeCount { get; init; }

    /// <summary>The distribution guessed from the version and node labels: <c>eks</c>, <c>gke</c>, <c>aks</c>, <c>k3s</c>, <c>rke2</c>, <c>openshift</c>, <c>kind</c>, <c>minikube</c>, <c>vanilla</c>.</summary>
    public string? Distribution { get; init; }

    /// <summary>When version and metadata were last refreshed.</summary>
    public DateTimeOffset? MetadataRefreshedAt { get; init; }

    /// <summary>The connection's health while activated (null before the first ready); <c>cluster/health</c> carries each change.</summary>
    public ClusterHealth? Health { get; init; }
}
