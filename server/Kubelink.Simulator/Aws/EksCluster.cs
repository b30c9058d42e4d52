using System.Text.Json.Nodes;

namespace Kubelink.Simulator.Aws;

/// <summary>A cluster the simulated EKS lists: the simulator itself (ACTIVE, with its endpoint and CA) or one still being created.</summary>
public sealed record EksCluster(string Name, string Region, string Status, string Version, Uri? Endpoint, string? CertificateAuthorityPem, DateTimeOffset CreatedAt)
{
    /// <summary>The cluster's ARN in the simulated account.</summary>
    public string Arn => $"arn:aws:eks:{Region}:{AwsIdentities.Account}:cluster/{Name}";

    /// <summary><c>DescribeCluster</c>'s <c>cluster</c> object (botocore's <c>eks/2017-11-01</c> shape, the fields clients read).</summary>
    public JsonObject ToJson()
    {
        var cluster = new JsonObject
        {
            ["name"] = Name,
            ["arn"] = Arn,
            ["createdAt"] = CreatedAt.ToUnixTimeMilliseconds() / 1000.0,
            ["version"] = Version,
            ["roleArn"] = $"arn:aws:iam::{AwsIdentities.Account}:role/eks-cluster",
            ["status"] = Status,
            ["platformVersion"] = "eks.7",
            ["tags"] = new JsonObject(),
            ["accessConfig"] = new JsonObject { ["authenticationMode"] = "API_AND_CONFIG_MAP" },
            ["identity"] = new JsonObject(),
        };
        if (Endpoint is not null)
        {
            cluster["endpoint"] = Endpoint.ToString().TrimEnd('/');
        }
        if (CertificateAuthorityPem is not null)
        {
            cluster["certificateAuthority"] = new JsonObject { ["data"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(CertificateAuthorityPem)) };
        }
        return cluster;
    }
}
