using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Eks;
using Kubelink.Sidecar.Clusters.Upstream;

namespace Kubelink.Sidecar.Eks;

/// <summary>How an EKS connection looks in the catalog (grouped by credentials and region) and what it connects to.</summary>
internal static class EksEntries
{
    /// <summary>Why the connection cannot be connected now, or null.</summary>
    public static string? Problem(EksConnection connection, bool hasCredentials)
    {
        var cluster = connection.Cluster;
        if (!cluster.IsActive)
        {
            return $"EKS cluster '{cluster.Name}' is {cluster.Status}, not ACTIVE: it can be connected once AWS reports it ACTIVE (Refresh EKS Clusters).";
        }
        if (cluster.Endpoint is null || cluster.CertificateAuthorityData is null)
        {
            return $"EKS reported no endpoint or certificate authority for '{cluster.Name}'. Refresh EKS Clusters, or check it in the AWS console.";
        }
        return hasCredentials ? null
            : $"EKS cluster '{cluster.Name}' was added with typed keys, which the sidecar never stores: add it again with Kubelink: Add EKS Clusters… (the extension sends the saved keys when it starts).";
    }

    public static CatalogEntry Entry(EksConnection connection, string? problem, string file) => new()
    {
        Id = connection.Id,
        SourceKind = ClusterSourceKind.Eks,
        Name = connection.Name,
        ContextName = connection.Name,
        Source = $"Amazon EKS {connection.Region}",
        SourceGroup = $"{connection.CredentialLabel} · {connection.Region}",
        Server = connection.Cluster.Endpoint,
        User = connection.CredentialLabel,
        Namespace = null,
        State = problem is null ? CatalogEntryState.Valid : CatalogEntryState.Invalid,
        Error = problem is null ? null : new CatalogError { Code = KubeconfigProblem.EksUnavailable, Message = problem, File = file, Line = null },
        IsCurrentContext = false,
        Line = null,
        Eks = connection.Cluster.ToSummary(),
    };

    public static ConnectionTarget Target(EksConnection connection, EksCredentials credentials) => new()
    {
        Server = new Uri(connection.Cluster.Endpoint!),
        Tls = new TlsOptions { CertificateAuthority = PemSource.FromBase64(connection.Cluster.CertificateAuthorityData!) },
        Credentials = new EksTokenCredentials(credentials, connection.Region, connection.Name),
        ValidateByListingNamespaces = true,
    };
}
