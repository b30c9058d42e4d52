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

/// <summary>
/// The Rancher import of the sidecar's simulated clusters (<c>simulated/configureRancher</c>), sent by the editor from its
/// settings and SecretStorage when a sidecar starts and whenever one of them changes.
/// </summary>
public sealed record SimulatedRancherParams
{
    /// <summary>Rancher's URL (<c>https://rancher.example.com</c>); null or empty turns the import off (tunnels closed, clusters kept).</summary>
    public string? Url { get; init; }

    /// <summary>An absolute path (or <c>~/…</c>) of a PEM file with the CA that signed Rancher's certificate; null: the system trust store.</summary>
    public string? CaFile { get; init; }

    /// <summary>The Rancher API key (<c>token-xxxxx:secret</c>); needed with a URL. Held in the sidecar's memory only, never logged or saved.</summary>
    public string? Token { get; init; }
}

/// <summary>What Rancher answered the key when the import was configured (one call, before any cluster's import).</summary>
public enum RancherCheck
{
    /// <summary>No URL: the import is off.</summary>
    Off,

    /// <summary>Rancher answered the key with its cluster list.</summary>
    Ok,

    /// <summary>Rancher refused the key (401): a new key is the next step.</summary>
    KeyRefused,

    /// <summary>No answer (refused connection, unknown host, an untrusted certificate, a timeout): the URL or the CA file is the next step.</summary>
    Unreachable,

    /// <summary>Another answer (403, not a Rancher at that URL); the problem says which.</summary>
    Failed,
}

/// <summary>The import's configuration took effect; the check says whether the imports can work.</summary>
public sealed record SimulatedRancherResult
{
    /// <summary>What Rancher answered.</summary>
    public required RancherCheck Check { get; init; }

    /// <summary>The cause and the next step when the check is not <c>ok</c> or <c>off</c>; never the key.</summary>
    public string? Problem { get; init; }
}
