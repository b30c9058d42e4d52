using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Kubelink.Protocol.Eks;
using Kubelink.Sidecar.Eks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kubelink.Sidecar.Tests.Eks;

/// <summary>
/// The in-process token: byte-identical to <c>aws eks get-token</c>'s for the same keys, region, cluster and signing
/// time (the CLI is the judge; its own signing time is read back from its token), and renewed by the token source a
/// minute before its 14 minutes are up, and at once after a 401.
/// </summary>
public sealed class EksTokenTests
{
    private const string KeyId = "AKIAIOSFODNN7EXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    [Theory]
    [InlineData(null)]
    [InlineData("FwoGZXIvYXdzEJr//////////wEaDExampleSessionToken+/=")]
    public async Task Token_EqualsAwsCliGetToken_ForTheSameKeysRegionClusterAndTime(string? sessionToken)
    {
        var cli = await CliTokenAsync("my-cluster", "eu-west-1", sessionToken);
        var signedAt = SigningTime(cli);

        var ours = EksToken.Create(new Uri("https://sts.eu-west-1.amazonaws.com"), new ImmutableCredentials(KeyId, Secret, sessionToken), "eu-west-1", "my-cluster", signedAt);

        Assert.Equal(cli, ours);
    }

    [Fact]
    public async Task TokenSource_RenewsAMinuteBeforeTheEnd_AndAtOnceAfterInvalidate()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        var environment = new AwsEnvironment(name => name == "AWS_ENDPOINT_URL_STS" ? "https://sts.example.test" : null, "/nonexistent");
        var keys = new EksCredentials { AccessKeyId = KeyId, SecretAccessKey = Secret };
        using var source = new EksTokenSource(new EksTokenCredentials(keys, "us-east-1", "c1"), new AwsCredentialResolver(environment), environment, time, NullLogger<EksTokenSource>.Instance);

        var first = (await source.GetAsync(CancellationToken.None))!.Parameter;
        time.Advance(TimeSpan.FromMinutes(12));
        var stillFirst = (await source.GetAsync(CancellationToken.None))!.Parameter;
        time.Advance(TimeSpan.FromMinutes(1));
        var renewed = (await source.GetAsync(CancellationToken.None))!.Parameter;
        time.Advance(TimeSpan.FromSeconds(1));
        source.Invalidate();
        var afterUnauthorized = (await source.GetAsync(CancellationToken.None))!.Parameter;

        Assert.Equal(first, stillFirst);
        Assert.NotEqual(first, renewed);
        Assert.NotEqual(renewed, afterUnauthorized);
        Assert.Equal(time.GetUtcNow() + EksToken.Lifetime, source.ExpiresAt);
        Assert.StartsWith("https://sts.example.test/?Action=GetCallerIdentity", Url(afterUnauthorized!), StringComparison.Ordinal);
    }

    private static string Url(string token)
    {
        var encoded = token[EksToken.Prefix.Length..].Replace('-', '+').Replace('_', '/');
        return Encoding.UTF8.GetString(Convert.FromBase64String(encoded + new string('=', (4 - encoded.Length % 4) % 4)));
    }

    private static DateTimeOffset SigningTime(string token)
    {
        var date = Url(token).Split('&').Single(p => p.StartsWith("X-Amz-Date=", StringComparison.Ordinal))["X-Amz-Date=".Length..];
        return DateTimeOffset.ParseExact(date, "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
    }

    // The CLI with these keys only: no profile files, no endpoint variables, its own empty home.
    private static async Task<string> CliTokenAsync(string cluster, string region, string? sessionToken)
    {
        var environment = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = KeyId, ["AWS_SECRET_ACCESS_KEY"] = Secret };
        if (sessionToken is not null)
        {
            environment["AWS_SESSION_TOKEN"] = sessionToken;
        }
        var output = await AwsCliProcess.OutputAsync(environment, "eks", "get-token", "--cluster-name", cluster, "--region", region, "--output", "json");
        return JsonNode.Parse(output)!["status"]!["token"]!.GetValue<string>();
    }
}
