using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Kubelink.Simulator.Aws;

/// <summary>
/// The simulated AWS account: its IAM users and roles, every access key issued (random per simulator run) and the SSO
/// access tokens a test has placed in an SSO cache. Thread-safe; read on every signed request.
/// </summary>
public sealed class AwsIdentities
{
    /// <summary>The account id (AWS's documentation example).</summary>
    public const string Account = "111122223333";

    /// <summary>An IAM user mapped to <c>system:masters</c> in the cluster, allowed the EKS API.</summary>
    public const string AdminArn = $"arn:aws:iam::{Account}:user/kubelink-admin";

    /// <summary>An IAM user with no EKS permission and no mapping in the cluster (AccessDenied, then 401).</summary>
    public const string DeniedArn = $"arn:aws:iam::{Account}:user/kubelink-denied";

    /// <summary>An IAM role mapped to the restricted Kubernetes user; assumed by the admin user or granted through SSO.</summary>
    public const string RestrictedRoleArn = $"arn:aws:iam::{Account}:role/kubelink-restricted";

    private readonly ConcurrentDictionary<string, AwsPrincipal> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _ssoTokens = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    internal AwsIdentities(TimeProvider time)
    {
        _time = time;
        Admin = AddUser(AdminArn);
        Denied = AddUser(DeniedArn);
    }

    /// <summary>The admin user's long-term key (profile <c>kubelink-sim</c>).</summary>
    public AwsPrincipal Admin { get; }

    /// <summary>The denied user's long-term key (profile <c>kubelink-sim-denied</c>).</summary>
    public AwsPrincipal Denied { get; }

    /// <summary>Whether the principal may call the EKS API (only the denied user may not).</summary>
    public static bool MayUseEks(AwsPrincipal principal) => principal.Arn != DeniedArn;

    /// <summary>Canonical IAM ARN: an assumed-role session ARN becomes its role's ARN, as EKS maps it.</summary>
    public static string Canonical(string arn)
    {
        var parts = arn.Split(':', 6);
        if (parts.Length == 6 && parts[2] == "sts" && parts[5].StartsWith("assumed-role/", StringComparison.Ordinal))
        {
            var role = parts[5].Split('/')[1];
            return $"arn:aws:iam::{parts[4]}:role/{role}";
        }
        return arn;
    }

    public AwsPrincipal? Find(string accessKeyId) => _keys.GetValueOrDefault(accessKeyId);

    /// <summary>Temporary credentials for a role session (AssumeRole, SSO), valid for <paramref name="duration"/>.</summary>
    public AwsPrincipal IssueSession(string roleArn, string sessionName, TimeSpan duration)
    {
        var role = roleArn.Split('/')[^1];
        var principal = new AwsPrincipal("ASIA" + RandomId(16), RandomSecret(), RandomSecret() + RandomSecret(), _time.GetUtcNow() + duration,
            $"arn:aws:sts::{Account}:assumed-role/{role}/{sessionName}", $"AROA{RandomId(17)}:{sessionName}");
        _keys[principal.AccessKeyId] = principal;
        return principal;
    }

    /// <summary>An SSO access token that <c>GetRoleCredentials</c> accepts (what <c>aws sso login</c> would have cached).</summary>
    public string AddSsoToken()
    {
        var token = "aoa" + RandomSecret();
        _ssoTokens[token] = 0;
        return token;
    }

    /// <summary>
    /// Revokes every session issued for <paramref name="roleArn"/> (IAM's "revoke active sessions"): its keys become
    /// unknown, so tokens signed with them are refused (401) and clients must assume the role again.
    /// </summary>
    public int RevokeSessions(string roleArn)
    {
        var prefix = $"arn:aws:sts::{Account}:assumed-role/{roleArn.Split('/')[^1]}/";
        var revoked = _keys.Where(k => k.Value.Arn.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k.Key).ToList();
        revoked.ForEach(key => _keys.TryRemove(key, out _));
        return revoked.Count;
    }

    /// <summary>Ends an SSO access token on the portal's side (its session expired or was revoked): <c>GetRoleCredentials</c> refuses it.</summary>
    public bool EndSsoToken(string token) => _ssoTokens.TryRemove(token, out _);

    public bool IsSsoToken(string? token) => token is not null && _ssoTokens.ContainsKey(token);

    private AwsPrincipal AddUser(string arn)
    {
        var principal = new AwsPrincipal("AKIA" + RandomId(16), RandomSecret(), null, null, arn, "AIDA" + RandomId(17));
        _keys[principal.AccessKeyId] = principal;
        return principal;
    }

    private static string RandomId(int length) => Convert.ToHexString(RandomNumberGenerator.GetBytes(length))[..length];

    private static string RandomSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', 'x').Replace('/', 'y');
}
