namespace Kubelink.Sidecar.Simulated;

/// <summary>Where a simulated cluster is in its life; camelCase on the wire and in the state file.</summary>
internal enum ClusterStatus
{
    Creating,
    Ready,
    Failed,
    Deleting,
}

/// <summary>How the cluster's own endpoint treats requests (the seed's "future hardening", per cluster).</summary>
internal sealed record EndpointOptions
{
    /// <summary>Only reads (and access reviews) pass; writes get 403.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Lists of nodes and of namespaced kinds show only the tenant's; other namespaces get 403.</summary>
    public bool TenantScoped { get; init; }
}

/// <summary>The Rancher side of one cluster, as the agent last saw it.</summary>
internal sealed record RancherState
{
    /// <summary><c>disabled</c> (no Rancher configured), <c>importing</c>, <c>connecting</c>, <c>connected</c>, <c>disconnected</c>, <c>failed</c>.</summary>
    public string State { get; init; } = "disabled";

    public string? ClusterId { get; init; }

    /// <summary>
    /// The Rancher <see cref="ClusterId"/> belongs to (its base URL): after the URL changes the id means nothing, and asking
    /// another Rancher for it would read "deleted in Rancher". Null in states saved before the editor could change the URL.
    /// </summary>
    public string? Url { get; init; }

    public string? Reason { get; init; }
}

/// <summary>
/// One simulated cluster: an immutable snapshot, replaced whole by the agent (its one writer) and persisted in
/// <c>state.json</c> after every change. The token opens the cluster's endpoint, which is why the file is 0600.
/// </summary>
internal sealed record SimulatedCluster
{
    public required string Name { get; init; }

    public ClusterStatus Status { get; init; } = ClusterStatus.Creating;

    /// <summary>Why the cluster failed, or a note on its last repair; null otherwise.</summary>
    public string? Reason { get; init; }

    /// <summary>The loopback port of the cluster's endpoint; kept across restarts unless someone else took it.</summary>
    public int Port { get; init; }

    /// <summary>The bearer token the endpoint requires (only in the cluster's kubeconfig and the state file).</summary>
    public required string Token { get; init; }

    public EndpointOptions Endpoint { get; init; } = new();

    public int Nodes { get; init; }

    public int Pods { get; init; }

    public RancherState Rancher { get; init; } = new();

    public DateTimeOffset CreatedAt { get; init; }

    public string Namespace => ClusterName.Namespace(Name);
}
