namespace Kubelink.Protocol.GraphQL;

/// <summary>Which connected cluster's GraphQL endpoint to open (<c>graphql/endpoint</c>).</summary>
public sealed record GraphQLEndpointParams
{
    /// <summary>The catalog id of a connected cluster.</summary>
    public required string ClusterId { get; init; }
}

/// <summary>
/// A connected cluster's GraphQL endpoint on the sidecar's loopback listener: the schema is built from the cluster's own
/// OpenAPI, and queries run with the cluster's kubeconfig identity. Callers present the cluster's proxy token.
/// </summary>
public sealed record GraphQLEndpointResult
{
    /// <summary><c>https://127.0.0.1:PORT/graphql/{clusterId}</c>: POST JSON, GET <c>?query=</c>, SSE, graphql-transport-ws.</summary>
    public required string Url { get; init; }

    /// <summary>The bearer token the endpoint requires (the cluster's proxy token).</summary>
    public required string Token { get; init; }

    /// <summary>The GraphiQL page with the token in the URL fragment (never sent to a server), for a browser.</summary>
    public required string BrowserUrl { get; init; }

    /// <summary>How many resource kinds the schema has.</summary>
    public required int Kinds { get; init; }
}
