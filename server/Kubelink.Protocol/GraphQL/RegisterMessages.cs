namespace Kubelink.Protocol.GraphQL;

/// <summary>
/// Registers a cluster of the catalog in a connected management cluster as a <c>ClusterAccess</c> (<c>graphql/register</c>),
/// as <c>kubelink-sidecar clusteraccess create</c> does from two kubeconfigs.
/// </summary>
public sealed record GraphQLRegisterParams
{
    /// <summary>The catalog id of the cluster to register (the target); it need not be connected.</summary>
    public required string ClusterId { get; init; }

    /// <summary>The catalog id of the connected management cluster the Secrets and the ClusterAccess are written to.</summary>
    public required string ManagementClusterId { get; init; }

    /// <summary>The ClusterAccess's name and path (a DNS-1123 name); null derives one from the target's name.</summary>
    public string? Name { get; init; }
}

/// <summary>What <c>graphql/register</c> wrote into the management cluster.</summary>
public sealed record GraphQLRegisterResult
{
    /// <summary>The ClusterAccess's name, which is also its <c>spec.path</c> (the gateway's <c>/{name}/graphql</c>).</summary>
    public required string Name { get; init; }

    /// <summary>One line per object, as kubectl prints them (<c>secret/prod-token (namespace default) created</c>).</summary>
    public required IReadOnlyList<string> Objects { get; init; }
}
