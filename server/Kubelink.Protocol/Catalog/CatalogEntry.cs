namespace Kubelink.Protocol.Catalog;

/// <summary>
/// One connectable cluster in the catalog, valid or not, from any source (a kubeconfig context, later an EKS cluster, a
/// simulated cluster, a <c>ClusterAccess</c> object). A broken entry is listed with its error, never dropped.
/// </summary>
public sealed record CatalogEntry
{
    /// <summary>Stable across restarts and edits. Kubeconfig: derived from the file's full path and the context name; other sources prefix theirs with the source kind.</summary>
    public required string Id { get; init; }

    /// <summary>Which source the entry comes from; the tree has a group per source (kubeconfig: a group per file or sync path).</summary>
    public required ClusterSourceKind SourceKind { get; init; }

    /// <summary>What the tree shows: the context name, or the file name for a file that has no readable context.</summary>
    public required string Name { get; init; }

    /// <summary>The context's name in its kubeconfig ("" for an entry that stands for a whole unreadable file); other sources: the cluster's name in that source.</summary>
    public required string ContextName { get; init; }

    /// <summary>Kubeconfig: the file the context is defined in. Other sources: where the entry comes from, in words the user recognises (a region, an object path).</summary>
    public required string Source { get; init; }

    /// <summary>What the tree groups by within the source: the <c>KUBECONFIG</c> / <c>~/.kube/config</c> file, or the sync path (file or folder) the user added; other sources choose their own groups.</summary>
    public required string SourceGroup { get; init; }

    /// <summary>The API server URL, when the context resolves to a cluster that has one.</summary>
    public required string? Server { get; init; }

    /// <summary>The kubeconfig user name the context uses.</summary>
    public required string? User { get; init; }

    /// <summary>The context's default namespace.</summary>
    public required string? Namespace { get; init; }

    /// <summary>Whether the entry can be connected to.</summary>
    public required CatalogEntryState State { get; init; }

    /// <summary>Why the entry is invalid, or null.</summary>
    public required CatalogError? Error { get; init; }

    /// <summary>True for the <c>current-context</c> of the merged <c>KUBECONFIG</c> (kubectl's rule: the first file that sets it).</summary>
    public required bool IsCurrentContext { get; init; }

    /// <summary>The 1-based line of the context entry in <see cref="Source"/>, for "open at line" (kubeconfig entries only; null for other sources).</summary>
    public required int? Line { get; init; }

    /// <summary>EKS entries only: the cluster as <c>DescribeCluster</c> last reported it (status, version, endpoint, created); null for other sources.</summary>
    public Eks.EksClusterSummary? Eks { get; init; }
}

/// <summary>The kinds of cluster source the catalog merges. Each source is a capability of its own that registers itself.</summary>
public enum ClusterSourceKind
{
    /// <summary>A context of a kubeconfig file (<c>KUBECONFIG</c>, <c>~/.kube/config</c>, or a sync path).</summary>
    Kubeconfig,

    /// <summary>An Amazon EKS cluster found through an AWS profile or keys.</summary>
    Eks,

    /// <summary>A simulated cluster (a tenant of a main cluster).</summary>
    Simulated,

    /// <summary>A cluster registered as a <c>ClusterAccess</c> object.</summary>
    ClusterAccess,
}

/// <summary>Whether a catalog entry can be connected to.</summary>
public enum CatalogEntryState
{
    /// <summary>Well-formed: names a cluster and a user that exist and look usable.</summary>
    Valid,

    /// <summary>Broken; <see cref="CatalogEntry.Error"/> says why.</summary>
    Invalid,
}

/// <summary>Why a kubeconfig entry cannot be used, with where to look.</summary>
public sealed record CatalogError
{
    /// <summary>What kind of problem it is.</summary>
    public required KubeconfigProblem Code { get; init; }

    /// <summary>The cause and the next step, in words.</summary>
    public required string Message { get; init; }

    /// <summary>The file to open.</summary>
    public required string File { get; init; }

    /// <summary>The 1-based line to open it at, when known.</summary>
    public required int? Line { get; init; }
}

/// <summary>Every kind of kubeconfig problem the validator reports.</summary>
public enum KubeconfigProblem
{
    /// <summary>The file could not be read (permissions, vanished, a symlink loop).</summary>
    UnreadableFile,

    /// <summary>The file is larger than a kubeconfig plausibly is.</summary>
    FileTooLarge,

    /// <summary>The file is not text.</summary>
    NotText,

    /// <summary>The YAML does not parse.</summary>
    YamlSyntax,

    /// <summary>The YAML parses but is not shaped like a kubeconfig.</summary>
    NotAKubeconfig,

    /// <summary>The context names a cluster that no file defines.</summary>
    MissingCluster,

    /// <summary>The context names a user that no file defines.</summary>
    MissingUser,

    /// <summary>The cluster has no <c>server</c>.</summary>
    MissingServer,

    /// <summary>The cluster's <c>server</c> is not an http(s) URL.</summary>
    InvalidServerUrl,

    /// <summary>A certificate, key or token file cannot be read.</summary>
    UnreadableCredentialFile,

    /// <summary>A <c>*-data</c> field is not valid base64.</summary>
    InvalidBase64,

    /// <summary>An <c>auth-provider</c> that Kubelink (and current kubectl) cannot run.</summary>
    UnknownAuthProvider,

    /// <summary>An exec credential plugin whose command is not on PATH.</summary>
    ExecCommandNotFound,

    /// <summary>A <c>ClusterAccess</c> whose spec, Secret or ConfigMap does not give a usable target (the message names which).</summary>
    ClusterAccessUnresolved,
    /// <summary>An EKS connection that cannot be connected now: the cluster is not ACTIVE, or its typed keys are not known to this sidecar yet.</summary>
    EksUnavailable,
}
