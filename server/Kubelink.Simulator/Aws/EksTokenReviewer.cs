using System.Text;
using Kubelink.Simulator.Auth;

namespace Kubelink.Simulator.Aws;

/// <summary>
/// The API server's check of <c>k8s-aws-v1.</c> bearer tokens, following aws-iam-authenticator's rules: size and prefix,
/// an <c>https</c> STS URL at path <c>/</c> on an STS host (or the simulator's own endpoint), only the allowed query
/// parameters, <c>GetCallerIdentity</c>, <c>x-k8s-aws-id</c> signed, <c>X-Amz-Expires</c> 0–900 and 15 minutes from
/// <c>X-Amz-Date</c>. Then STS's own signature check with this cluster's name as <c>x-k8s-aws-id</c> (so a token for
/// another cluster fails), and the caller's canonical ARN mapped to a Kubernetes user like EKS's <c>aws-auth</c> map.
/// </summary>
internal sealed class EksTokenReviewer(AwsSimulator aws, string clusterName)
{
    public const string Prefix = "k8s-aws-v1.";

    private static readonly HashSet<string> Allowed = new(
        ["action", "version", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-expires", "x-amz-security-token", "x-amz-signature", "x-amz-signedheaders"],
        StringComparer.Ordinal);

    /// <summary>The <c>aws-auth</c> map: canonical IAM ARN (mapUsers / mapRoles) to the Kubernetes user and groups.</summary>
    private static readonly Dictionary<string, (string User, string[] Groups)> Map = new(StringComparer.Ordinal)
    {
        [AwsIdentities.AdminArn] = ("kubelink-admin", [UserInfo.MastersGroup]),
        [AwsIdentities.RestrictedRoleArn] = ("kubelink-restricted", []),
    };

    /// <summary>The user the token stands for, or null (401) when any rule fails.</summary>
    public UserInfo? Review(string token)
    {
        if (token.Length > 4096 || !token.StartsWith(Prefix, StringComparison.Ordinal) || Decode(token[Prefix.Length..]) is not { } url)
        {
            return null;
        }
        if (!HostAllowed(url) || url.AbsolutePath != "/")
        {
            return null;
        }
        var pairs = SigV4.Pairs(url.Query);
        var keys = pairs.Select(kv => kv.Key.ToLowerInvariant()).ToList();
        if (keys.Any(k => !Allowed.Contains(k)) || keys.Distinct().Count() != keys.Count)
        {
            return null;
        }
        var query = pairs.ToDictionary(kv => kv.Key.ToLowerInvariant(), kv => kv.Value, StringComparer.Ordinal);
        if (query.GetValueOrDefault("action") != "GetCallerIdentity"
            || !(query.GetValueOrDefault("x-amz-signedheaders") ?? "").Split(';').Contains("x-k8s-aws-id")
            || !int.TryParse(query.GetValueOrDefault("x-amz-expires"), out var expires) || expires is < 0 or > 900)
        {
            return null;
        }
        var request = new SignedRequest("GET", "/", url.Query.TrimStart('?'), name => name switch
        {
            "host" => url.Authority,
            "x-k8s-aws-id" => clusterName,
            _ => null,
        }, SigV4.EmptyPayloadHash);
        var verification = aws.Verifier.VerifyPresigned(request, TimeSpan.FromMinutes(15));
        if (verification.Principal is not { } caller || verification.Service != "sts")
        {
            return null;
        }
        return Map.TryGetValue(AwsIdentities.Canonical(caller.Arn), out var mapped) ? UserInfo.Of(mapped.User, mapped.Groups) : null;
    }

    private bool HostAllowed(Uri url)
    {
        if (aws.Endpoint is { } own && url.Scheme == own.Scheme && url.Authority == own.Authority)
        {
            return true;
        }
        var host = url.Host;
        return url.Scheme == "https" && url.IsDefaultPort
            && (host == "sts.amazonaws.com" || (host.StartsWith("sts.", StringComparison.Ordinal) && host.EndsWith(".amazonaws.com", StringComparison.Ordinal) && host.Count(c => c == '.') == 3));
    }

    private static Uri? Decode(string encoded)
    {
        if (encoded.Contains('=', StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            var padded = encoded.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            return Uri.TryCreate(Encoding.UTF8.GetString(Convert.FromBase64String(padded)), UriKind.Absolute, out var url) ? url : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
