using Kubelink.Protocol.Eks;

namespace Kubelink.Sidecar.Eks;

/// <summary>What <c>DescribeCluster</c> says about a cluster (the fields Kubelink uses).</summary>
internal sealed record EksClusterDescription(string Name, string Status, string? Version, string? Endpoint, string? CertificateAuthorityData, DateTimeOffset? CreatedAt, string? Arn, string? PlatformVersion)
{
    public bool IsActive => Status == "ACTIVE";

    public EksClusterSummary ToSummary() => new()
    {
        Name = Name,
        Status = Status,
        Version = Version,
        Endpoint = Endpoint,
        CreatedAt = CreatedAt?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        Arn = Arn,
        PlatformVersion = PlatformVersion,
    };
}
