using System.Text.RegularExpressions;
using Amazon.Runtime.CredentialManagement;
using Kubelink.Protocol;

namespace Kubelink.Sidecar.Eks;

/// <summary>
/// The endpoint of an AWS service, by the order every current AWS SDK and CLI uses and a hand-written client must apply
/// itself: <c>AWS_ENDPOINT_URL_{SERVICE}</c> → <c>AWS_ENDPOINT_URL</c> → the profile's <c>services</c> section →
/// the profile's <c>endpoint_url</c> → <c>https://{service}.{region}.amazonaws.com</c>; the configured ones are all
/// skipped when <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS</c> (or the profile's <c>ignore_configured_endpoint_urls</c>) is true.
/// </summary>
internal static partial class AwsEndpoints
{
    /// <summary>Resolves <paramref name="service"/> (<c>eks</c> or <c>sts</c>) for <paramref name="region"/>.</summary>
    public static Uri Resolve(string service, string region, CredentialProfile? profile, AwsEnvironment environment)
    {
        if (Configured(service, profile, environment) is { } configured)
        {
            return configured;
        }
        if (!RegionPattern().IsMatch(region))
        {
            throw new AwsException(ErrorCodes.AwsUnreachable, $"'{region}' is not an AWS region, so {service.ToUpperInvariant()} has no endpoint there. Choose a region such as us-east-1.");
        }
        var suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{service}.{region}.{suffix}");
    }

    /// <summary>The configured endpoint of <paramref name="service"/> (the first four steps), or null for AWS's own.</summary>
    public static Uri? Configured(string service, CredentialProfile? profile, AwsEnvironment environment)
    {
        var ignore = string.Equals(environment.Value("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase)
            || profile?.IgnoreConfiguredEndpointUrls == true;
        var configured = ignore ? null
            : environment.Value("AWS_ENDPOINT_URL_" + service.ToUpperInvariant())
            ?? environment.Value("AWS_ENDPOINT_URL")
            ?? (profile?.Services is { Length: > 0 } section ? AwsConfigServices.EndpointUrl(environment.ConfigFile, section, service) : null)
            ?? (profile?.EndpointUrl is { Length: > 0 } url ? url : null);
        if (configured is null)
        {
            return null;
        }
        return Uri.TryCreate(configured, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new AwsException(ErrorCodes.AwsUnreachable, $"The configured {service} endpoint '{configured}' is not an http(s) URL. Fix AWS_ENDPOINT_URL* or the profile's endpoint_url.");
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();
}
