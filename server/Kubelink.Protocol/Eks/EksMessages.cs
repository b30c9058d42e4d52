namespace Kubelink.Protocol.Eks;

/// <summary>
/// Which AWS credentials to use: a named profile (<c>~/.aws/config</c> / <c>~/.aws/credentials</c>: static keys,
/// assume-role, SSO, <c>credential_process</c>), keys the user typed (kept by the extension in SecretStorage and sent
/// with each call, never stored by the sidecar), or, when every field is null, the SDK's default chain
/// (environment variables, <c>AWS_PROFILE</c>, ...).
/// </summary>
public sealed record EksCredentials
{
    /// <summary>A profile name; null for typed keys or the default chain.</summary>
    public string? Profile { get; init; }

    /// <summary>A typed access key id (with <see cref="SecretAccessKey"/>).</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>The typed secret access key. Never logged, never persisted by the sidecar.</summary>
    public string? SecretAccessKey { get; init; }

    /// <summary>A session token for temporary typed keys.</summary>
    public string? SessionToken { get; init; }

    /// <summary>Records print every member by default; this one carries a secret.</summary>
    public override string ToString() => Profile is not null ? $"profile {Profile}" : AccessKeyId is not null ? "typed keys" : "default chain";
}

/// <summary>Client → server: the EKS clusters of one region.</summary>
public sealed record EksListClustersParams
{
    /// <summary>The credentials to call EKS with.</summary>
    public required EksCredentials Credentials { get; init; }

    /// <summary>The AWS region, e.g. <c>us-east-1</c>; null takes the profile's (or the default chain's) region.</summary>
    public string? Region { get; init; }
}

/// <summary>Every cluster of the region (all <c>ListClusters</c> pages, each described).</summary>
public sealed record EksListClustersResult
{
    /// <summary>The clusters, by name.</summary>
    public required IReadOnlyList<EksClusterSummary> Clusters { get; init; }
}

/// <summary>One EKS cluster as <c>DescribeCluster</c> reports it.</summary>
public sealed record EksClusterSummary
{
    /// <summary>The cluster's name.</summary>
    public required string Name { get; init; }

    /// <summary>CREATING, ACTIVE, DELETING, FAILED, UPDATING or PENDING; only ACTIVE clusters can be connected.</summary>
    public required string Status { get; init; }

    /// <summary>The Kubernetes version, e.g. <c>1.32</c>.</summary>
    public required string? Version { get; init; }

    /// <summary>The API server URL (null while the cluster is being created).</summary>
    public required string? Endpoint { get; init; }

    /// <summary>When the cluster was created (ISO 8601, UTC).</summary>
    public required string? CreatedAt { get; init; }

    /// <summary>The cluster's ARN.</summary>
    public required string? Arn { get; init; }

    /// <summary>The EKS platform version, e.g. <c>eks.7</c>.</summary>
    public string? PlatformVersion { get; init; }
}

/// <summary>Client → server: add (or update) an EKS connection; answers its catalog entry, which <c>cluster/activate</c> then connects.</summary>
public sealed record EksConnectParams
{
    /// <summary>The credentials; a profile is remembered by name, typed keys are not remembered at all.</summary>
    public required EksCredentials Credentials { get; init; }

    /// <summary>The region; null takes the profile's.</summary>
    public string? Region { get; init; }

    /// <summary>The cluster's name.</summary>
    public required string Name { get; init; }
}

/// <summary>Client → server: forget an EKS connection (disconnecting it first when connected).</summary>
public sealed record EksDisconnectParams
{
    /// <summary>The connection's catalog id (<c>{region}_{name}</c>).</summary>
    public required string ClusterId { get; init; }
}
