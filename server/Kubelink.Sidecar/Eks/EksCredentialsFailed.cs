using Kubelink.Protocol;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Eks;

/// <summary>
/// An EKS token that could not be made, as activation, the proxy and the health probe see it: a credentials failure
/// (<see cref="ErrorCodes.CredentialPluginFailed"/>, the profile as the error's data, as before). When
/// <c>aws sso login --profile</c> is the fix, <see cref="SsoProfile"/> names the profile, so health hands it to the
/// extension as a field (<c>ClusterHealth.ssoProfile</c>) and nobody parses the message.
/// </summary>
internal sealed class EksCredentialsFailed : LocalRpcException
{
    public EksCredentialsFailed(AwsException failure)
        : base(failure.Message)
    {
        ErrorCode = ErrorCodes.CredentialPluginFailed;
        ErrorData = failure.Profile;
        SsoProfile = failure.Code == ErrorCodes.AwsSsoLoginRequired ? failure.Profile : null;
    }

    public string? SsoProfile { get; }

    /// <summary>The profile to log in with, when <paramref name="e"/> (or an exception inside it) is such a failure.</summary>
    public static string? SsoProfileIn(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is EksCredentialsFailed { SsoProfile: { } profile })
            {
                return profile;
            }
        }

        return null;
    }
}
