using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Kubelink.Sidecar.Eks;

/// <summary>
/// Assume-role credentials (<c>role_arn</c> + <c>source_profile</c>) whose STS call goes to the endpoint the profile
/// configures. The SDK's own assume-role builds its STS client from the process's default configuration, which does not
/// apply the profile's <c>endpoint_url</c> or <c>services</c> section; used only when such an endpoint is configured
/// (a local AWS, a VPC endpoint), so the SDK keeps handling the ordinary case (MFA, external ids, caching).
/// </summary>
internal sealed class EndpointAssumeRoleCredentials(AWSCredentials source, string roleArn, string sessionName, string? externalId, Uri endpoint, string region)
    : RefreshingAWSCredentials
{
    protected override CredentialsRefreshState GenerateNewCredentials() => GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var config = new AmazonSecurityTokenServiceConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = region };
        using var sts = new AmazonSecurityTokenServiceClient(source, config);
        var response = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = sessionName, ExternalId = externalId }).ConfigureAwait(false);
        var issued = response.Credentials;
        return new CredentialsRefreshState(new ImmutableCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken), issued.Expiration!.Value.ToUniversalTime());
    }
}
