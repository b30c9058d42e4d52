namespace Kubelink.Protocol.Simulated;

/// <summary>A new simulated cluster (<c>simulated/create</c>): a tenant of the main cluster with its own endpoint.</summary>
public sealed record SimulatedCreateParams
{
    /// <summary>A DNS label of at most 55 characters (the tenant namespace is <c>cluster-&lt;name&gt;</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Only reads pass through the cluster's endpoint.</summary>
    public bool? ReadOnly { get; init; }

    /// <summary>Lists through the endpoint show only the tenant's nodes and namespace.</summary>
    public bool? TenantScoped { get; init; }
}

/// <summary>Names one simulated cluster (<c>simulated/delete</c>).</summary>
public sealed record SimulatedNameParams
{
    /// <summary>The cluster's name.</summary>
    public required string Name { get; init; }
}

/// <summary>One simulated cluster as the agent sees it. Its token is never sent: the catalog entry connects with it.</summary>
public sealed record SimulatedClusterInfo
{
    /// <summary>The cluster's name.</summary>
    public required string Name { get; init; }

    /// <summary>The catalog id of its entry (<c>simulated_&lt;name&gt;</c>), to connect it like any cluster.</summary>
    public required string CatalogId { get; init; }

    /// <summary><c>creating</c>, <c>ready</c>, <c>failed</c> or <c>deleting</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Why it failed, or a note on its last repair.</summary>
    public required string? Reason { get; init; }

    /// <summary>Its own API endpoint, <c>https://127.0.0.1:PORT</c>.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The kubeconfig (0600) that points kubectl at the endpoint.</summary>
    public required string Kubeconfig { get; init; }

    /// <summary>Nodes of the tenant, once populated.</summary>
    public required int Nodes { get; init; }

    /// <summary>Pods of the tenant, once populated.</summary>
    public required int Pods { get; init; }

    /// <summary>Rancher import state: <c>disabled</c> when no Rancher is configured.</summary>
    public required string RancherState { get; init; }
}

/// <summary>Every simulated cluster (<c>simulated/list</c>).</summary>
public sealed record SimulatedListResult
{
    /// <summary>The clusters, by name.</summary>
    public required IReadOnlyList<SimulatedClusterInfo> Clusters { get; init; }
}
