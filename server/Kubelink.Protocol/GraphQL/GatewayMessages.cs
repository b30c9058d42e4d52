namespace Kubelink.Protocol.GraphQL;

/// <summary>Which connected management cluster's ClusterAccess objects to serve (<c>graphql/gateway</c>).</summary>
public sealed record GraphQLGatewayParams
{
    /// <summary>The catalog id of a connected cluster that serves the ClusterAccess kind.</summary>
    public required string ClusterId { get; init; }
}

/// <summary>The in-sidecar gateway of a management cluster: its listener writes the schema files, the sidecar serves them.</summary>
public sealed record GraphQLGatewayResult
{
    /// <summary>
    /// <c>https://127.0.0.1:PORT/graphql/{clusterId}/</c>; each ClusterAccess is served at <c>{Url}{path}/graphql</c>, and
    /// callers bring their own bearer token for the target (it is forwarded).
    /// </summary>
    public required string Url { get; init; }

    /// <summary>The definitions folder the listener writes (<c>{state}/graphql/{clusterId}/definitions</c>).</summary>
    public required string Definitions { get; init; }

    /// <summary>The paths served now (the listener may still be writing others).</summary>
    public required IReadOnlyList<string> Paths { get; init; }
}
