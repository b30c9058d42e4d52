using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace Kubelink.Sidecar.Eks;

/// <summary>
/// Resolved AWS credentials for one call or one connection: the SDK's credentials object (it caches and refreshes
/// assume-role and SSO sessions itself), the region, and the profile they came from (for endpoints and SSO messages).
/// </summary>
internal sealed record AwsContext(AWSCredentials Credentials, string Region, CredentialProfile? Profile, string Label)
{
    /// <summary>Records print every member by default; the credentials object must never reach a log.</summary>
    public override string ToString() => $"{Label} in {Region}";
}
