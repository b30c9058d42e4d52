namespace Kubelink.Simulator.Aws;

/// <summary>
/// One access key the simulated AWS knows: a long-term user key, or temporary credentials from <c>AssumeRole</c> or SSO
/// (with a session token and an expiry). <see cref="Arn"/> is what <c>GetCallerIdentity</c> answers.
/// </summary>
public sealed record AwsPrincipal(string AccessKeyId, string SecretAccessKey, string? SessionToken, DateTimeOffset? Expires, string Arn, string UserId)
{
    /// <summary>Records print every member by default; a principal holds a secret.</summary>
    public override string ToString() => $"AwsPrincipal {{ AccessKeyId = {AccessKeyId}, Arn = {Arn} }}";
}
