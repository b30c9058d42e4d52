using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Kubelink.Simulator.Aws;
using Kubelink.Simulator.Tests.Kubectl;

namespace Kubelink.Simulator.Tests.Aws;

/// <summary>
/// The real AWS CLI and kubectl judge the simulated AWS: they list and describe its clusters through its verified
/// signatures, and a kubeconfig written by <c>aws eks update-kubeconfig</c> works with kubectl (so the API server
/// accepts the CLI's own <c>k8s-aws-v1.</c> tokens and maps them aws-auth style).
/// </summary>
public sealed class AwsCliJudgeTests(AwsSimulatorFixture sim) : IClassFixture<AwsSimulatorFixture>
{
    [Fact]
    public async Task ListClusters_ThroughPagesOfOne_ShowsBothClusters()
    {
        var output = JsonNode.Parse(await sim.Cli.OutputAsync("--profile", AwsFiles.AdminProfile, "eks", "list-clusters"))!;

        Assert.Equal([AwsSimulator.ClusterName, AwsSimulator.CreatingClusterName], output["clusters"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task DescribeCluster_GivesTheSimulatorsEndpointCaAndStatus()
    {
        var cluster = JsonNode.Parse(await sim.Cli.OutputAsync("--profile", AwsFiles.AdminProfile, "eks", "describe-cluster", "--name", AwsSimulator.ClusterName))!["cluster"]!;
        var creating = JsonNode.Parse(await sim.Cli.OutputAsync("--profile", AwsFiles.AdminProfile, "eks", "describe-cluster", "--name", AwsSimulator.CreatingClusterName))!["cluster"]!;

        Assert.Equal("ACTIVE", cluster["status"]!.GetValue<string>());
        Assert.Equal(sim.Server.BaseAddress.ToString().TrimEnd('/'), cluster["endpoint"]!.GetValue<string>());
        Assert.Equal(sim.Server.CaCertificatePem, System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cluster["certificateAuthority"]!["data"]!.GetValue<string>())));
        Assert.Equal("CREATING", creating["status"]!.GetValue<string>());
        Assert.Null(creating["endpoint"]);
    }

    [Fact]
    public async Task UpdateKubeconfig_WithTheAdminProfile_WorksWithKubectl()
    {
        var kubeconfig = Path.Combine(sim.Directory, "admin-eks.kubeconfig");
        await sim.Cli.OutputAsync("--profile", AwsFiles.AdminProfile, "eks", "update-kubeconfig", "--name", AwsSimulator.ClusterName, "--kubeconfig", kubeconfig);

        var (code, stdout, stderr) = await new KubectlRunner(kubeconfig, sim.Cli.Environment).RunAsync("get", "namespaces", "-o", "name");

        Assert.True(code == 0, stderr);
        Assert.Contains("namespace/kube-system", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateKubeconfig_WithTheAssumeRoleProfile_IsTheRestrictedUser()
    {
        var kubeconfig = Path.Combine(sim.Directory, "restricted-eks.kubeconfig");
        await sim.Cli.OutputAsync("--profile", AwsFiles.RestrictedProfile, "eks", "update-kubeconfig", "--name", AwsSimulator.ClusterName, "--kubeconfig", kubeconfig);

        var (code, stdout, stderr) = await new KubectlRunner(kubeconfig, sim.Cli.Environment).RunAsync("auth", "whoami", "-o", "jsonpath={.status.userInfo.username}");

        Assert.True(code == 0, stderr);
        Assert.Equal("kubelink-restricted", stdout.Trim());
    }

    [Fact]
    public async Task WrongSecretKey_IsInvalidSignatureException()
    {
        var cli = new AwsCli(sim.Directory, new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = sim.Aws.Identities.Admin.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = "not-the-secret",
            ["AWS_ENDPOINT_URL"] = sim.Aws.Endpoint!.ToString(),
            ["AWS_DEFAULT_REGION"] = AwsSimulator.Region,
        });

        var (code, _, stderr) = await cli.RunAsync("eks", "list-clusters");

        Assert.NotEqual(0, code);
        Assert.Contains("InvalidSignatureException", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAccessKey_IsUnrecognizedClientException_AndInvalidClientTokenIdForSts()
    {
        var cli = new AwsCli(sim.Directory, new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIAUNKNOWNUNKNOWN00",
            ["AWS_SECRET_ACCESS_KEY"] = "whatever",
            ["AWS_ENDPOINT_URL"] = sim.Aws.Endpoint!.ToString(),
            ["AWS_DEFAULT_REGION"] = AwsSimulator.Region,
        });

        var eks = await cli.RunAsync("eks", "list-clusters");
        var sts = await cli.RunAsync("sts", "get-caller-identity");

        Assert.Contains("UnrecognizedClientException", eks.Stderr, StringComparison.Ordinal);
        Assert.Contains("InvalidClientTokenId", sts.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AToken_ForAnotherCluster_IsRefusedByTheApiServer()
    {
        var token = JsonNode.Parse(await sim.Cli.OutputAsync("--profile", AwsFiles.AdminProfile, "eks", "get-token", "--cluster-name", "another-cluster"))!["status"]!["token"]!.GetValue<string>();
        var good = JsonNode.Parse(await sim.Cli.OutputAsync("--profile", AwsFiles.AdminProfile, "eks", "get-token", "--cluster-name", AwsSimulator.ClusterName))!["status"]!["token"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(token));
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(good));
    }

    [Fact]
    public async Task TheDeniedUser_IsAccessDeniedOnEks()
    {
        var (code, _, stderr) = await sim.Cli.RunAsync("--profile", AwsFiles.DeniedProfile, "eks", "list-clusters");

        Assert.NotEqual(0, code);
        Assert.Contains("AccessDeniedException", stderr, StringComparison.Ordinal);
    }

    private async Task<HttpStatusCode> StatusWithAsync(string token)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.Server.BaseAddress, "/api/v1/namespaces"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
