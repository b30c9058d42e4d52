using Kubelink.Protocol;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Clusters.Upstream;

/// <summary>
/// A credential source that could not give credentials, as activation, the proxy and the health probe see it
/// (<see cref="ErrorCodes.CredentialPluginFailed"/>, with the source's data, e.g. the AWS profile). When a login with
/// <c>aws sso login --profile</c> is the fix, <see cref="SsoProfile"/> names the profile, so health hands it to the
/// extension as a field (<c>ClusterHealth.ssoProfile</c>) and nobody parses the message. Here, beside
/// <see cref="CredentialSource"/>, so the health monitor needs no knowledge of which source threw it.
/// </summary>
internal sealed class CredentialsFailed : LocalRpcException
{
    public CredentialsFailed(string message, object? data, string? ssoProfile)
        : base(message)
    {
        ErrorCode = ErrorCodes.CredentialPluginFailed;
        ErrorData = data;
        SsoProfile = ssoProfile;
    }

    public string? SsoProfile { get; }
}
