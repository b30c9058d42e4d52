using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Kubelink.Protocol;
using Kubelink.Protocol.Eks;

namespace Kubelink.Sidecar.Eks;

/// <summary>
/// Turns <see cref="EksCredentials"/> into AWS credentials with AWSSDK.Core's own resolution, so every profile kind the
/// SDK knows works (static keys, <c>role_arn</c> + <c>source_profile</c>, SSO, <c>credential_process</c>): typed keys as
/// they are; a profile through the shared files; neither: the default chain (environment keys, <c>AWS_PROFILE</c> or
/// <c>default</c>, then the SDK's chain for container and instance credentials).
/// </summary>
internal sealed class AwsCredentialResolver(AwsEnvironment environment)
{
    public AwsContext Resolve(EksCredentials credentials, string? region)
    {
        if (credentials.AccessKeyId is { Length: > 0 } keyId)
        {
            if (credentials.SecretAccessKey is not { Length: > 0 } secret)
            {
                throw new AwsException(ErrorCodes.AwsCredentialsMissing, "The secret access key is missing. Enter both the access key id and the secret access key.");
            }
            AWSCredentials typed = credentials.SessionToken is { Length: > 0 } token ? new SessionAWSCredentials(keyId, secret, token) : new BasicAWSCredentials(keyId, secret);
            return new AwsContext(typed, RegionOrThrow(region, null), null, "typed keys");
        }
        if (credentials.Profile is { Length: > 0 } name)
        {
            var profile = FindProfile(name) ?? throw new AwsException(ErrorCodes.AwsCredentialsMissing,
                $"There is no AWS profile '{name}' in {environment.ConfigFile} or {environment.CredentialsFile}. Check the name, or run 'aws configure --profile {name}'.");
            return new AwsContext(FromProfile(profile), RegionOrThrow(region, profile), profile, $"profile {name}");
        }
        return DefaultChain(region);
    }

    private AwsContext DefaultChain(string? region)
    {
        if (environment.Value("AWS_ACCESS_KEY_ID") is { } keyId && environment.Value("AWS_SECRET_ACCESS_KEY") is { } secret)
        {
            AWSCredentials keys = environment.Value("AWS_SESSION_TOKEN") is { } token ? new SessionAWSCredentials(keyId, secret, token) : new BasicAWSCredentials(keyId, secret);
            return new AwsContext(keys, RegionOrThrow(region, null), null, "environment keys");
        }
        var name = environment.Value("AWS_PROFILE") ?? "default";
        if (FindProfile(name) is { } profile)
        {
            return new AwsContext(FromProfile(profile), RegionOrThrow(region, profile), profile, $"profile {name}");
        }
        try
        {
            var chain = DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
            return new AwsContext(chain, RegionOrThrow(region, null), null, "default credentials");
        }
        catch (AmazonClientException ex)
        {
            throw new AwsException(ErrorCodes.AwsCredentialsMissing,
                $"No AWS credentials were found (environment, profile '{name}', container or instance role): {ex.Message} Choose a profile or enter keys.", inner: ex);
        }
    }

    private CredentialProfile? FindProfile(string name)
    {
        // The chain reads the credentials file given here and the config file beside it or from AWS_CONFIG_FILE.
        var chain = new CredentialProfileStoreChain(environment.CredentialsFile);
        return chain.TryGetProfile(name, out var profile) ? profile : null;
    }

    private AWSCredentials FromProfile(CredentialProfile profile)
    {
        try
        {
            var options = profile.Options;
            if (options.RoleArn is { Length: > 0 } role && options.SourceProfile is { Length: > 0 } sourceName && options.MfaSerial is null
                && AwsEndpoints.Configured("sts", profile, environment) is { } sts && FindProfile(sourceName) is { } sourceProfile)
            {
                var region = profile.Region?.SystemName ?? sourceProfile.Region?.SystemName ?? "us-east-1";
                return new EndpointAssumeRoleCredentials(FromProfile(sourceProfile), role, options.RoleSessionName ?? $"kubelink-{Guid.NewGuid():N}"[..24], options.ExternalID, sts, region);
            }
            return profile.GetAWSCredentials(profile.CredentialProfileStore);
        }
        catch (Exception ex) when (ex is AmazonClientException or InvalidOperationException or ArgumentException)
        {
            throw new AwsException(ErrorCodes.AwsCredentialsMissing, $"The AWS profile '{profile.Name}' cannot give credentials: {ex.Message}", profile.Name, ex);
        }
    }

    private string RegionOrThrow(string? region, CredentialProfile? profile) =>
        region is { Length: > 0 } ? region
        : profile?.Region?.SystemName
        ?? environment.Value("AWS_REGION")
        ?? environment.Value("AWS_DEFAULT_REGION")
        ?? throw new AwsException(ErrorCodes.AwsUnreachable, "No AWS region was given and the credentials name none. Choose a region (for example us-east-1).");
}
