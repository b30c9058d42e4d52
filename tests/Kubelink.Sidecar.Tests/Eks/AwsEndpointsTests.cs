using Kubelink.Protocol.Eks;
using Kubelink.Sidecar.Eks;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Eks;

/// <summary>The AWS endpoint order, step by step: service variable, general variable, the profile's services section, its endpoint_url, the default; and the switch that ignores them all.</summary>
public sealed class AwsEndpointsTests
{
    private const string Config = """
        [profile svc]
        region = eu-west-1
        services = local
        endpoint_url = http://profile-endpoint:1
        [services local]
        eks =
          endpoint_url = http://services-eks:2
        [profile plain]
        region = eu-west-1
        endpoint_url = http://profile-endpoint:1
        """;

    private const string Credentials = "[svc]\naws_access_key_id = AKIA1\naws_secret_access_key = s\n[plain]\naws_access_key_id = AKIA2\naws_secret_access_key = s\n";

    [Theory]
    [InlineData("svc", "AWS_ENDPOINT_URL_EKS=http://eks-variable:3;AWS_ENDPOINT_URL=http://general:4", "http://eks-variable:3/")]
    [InlineData("svc", "AWS_ENDPOINT_URL=http://general:4", "http://general:4/")]
    [InlineData("svc", "", "http://services-eks:2/")]
    [InlineData("plain", "", "http://profile-endpoint:1/")]
    [InlineData(null, "", "https://eks.eu-west-1.amazonaws.com/")]
    [InlineData("svc", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true;AWS_ENDPOINT_URL=http://general:4", "https://eks.eu-west-1.amazonaws.com/")]
    public void Endpoint_FollowsTheAwsOrder(string? profile, string variables, string expected)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Combine("config"), Config);
        File.WriteAllText(dir.Combine("credentials"), Credentials);
        var values = variables.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(v => v.Split('=', 2)).ToDictionary(v => v[0], v => v[1]);
        values["AWS_CONFIG_FILE"] = dir.Combine("config");
        values["AWS_SHARED_CREDENTIALS_FILE"] = dir.Combine("credentials");
        var environment = new AwsEnvironment(name => values.GetValueOrDefault(name), dir.Path);
        var credentials = profile is null ? new EksCredentials { AccessKeyId = "AKIA3", SecretAccessKey = "s" } : new EksCredentials { Profile = profile };
        var context = new AwsCredentialResolver(environment).Resolve(credentials, "eu-west-1");

        Assert.Equal(expected, AwsEndpoints.Resolve("eks", context.Region, context.Profile, environment).ToString());
    }
}
