using System.Text;
using Amazon.Runtime;

namespace Kubelink.Sidecar.Eks;

/// <summary>
/// The EKS bearer token, made in-process the way <c>aws eks get-token</c> makes it: a presigned STS
/// <c>GetCallerIdentity</c> URL (<c>X-Amz-Expires=60</c>, <c>x-k8s-aws-id</c> signed but not sent), as
/// <c>k8s-aws-v1.</c> + unpadded base64url. EKS accepts it for 15 minutes from its signing time whatever
/// <c>X-Amz-Expires</c> says; like the CLI we report it as expiring after 14.
/// </summary>
internal static class EksToken
{
    public const string Prefix = "k8s-aws-v1.";

    /// <summary>How long a token is used for (EKS's window is 15 minutes; the CLI and aws-iam-authenticator say 14).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(14);

    public static string Create(Uri stsEndpoint, ImmutableCredentials credentials, string region, string clusterName, DateTimeOffset now)
    {
        var url = AwsSigner.Presign(stsEndpoint,
            [new("Action", "GetCallerIdentity"), new("Version", "2011-06-15"), new("X-Amz-Expires", "60")],
            new Dictionary<string, string> { ["x-k8s-aws-id"] = clusterName },
            credentials, region, "sts", now);
        return Prefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(url.AbsoluteUri)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
