using System.Text.Json.Nodes;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Simulated;

/// <summary>The seed's flow against the embedded main cluster, checked with the real kubectl on both sides.</summary>
public sealed class AgentFlowTests
{
    [Fact]
    public async Task Post_SeedRequest_ReadyWithTenantNodesPodsAndOwnEndpoint_DeleteCleansEverything()
    {
        await using var bed = await AgentTestBed.StartAsync();
        var (status, body) = await bed.PostAsync("""{"name":"test-cluster-012"}""", "application/x-www-form-urlencoded"); // curl -d's default type
        Assert.Equal(201, status);
        Assert.Equal("creating", body["status"]!.ToString());
        var cluster = await bed.ReadyAsync("test-cluster-012");

        var shown = await bed.GetAsync("test-cluster-012");
        Assert.Equal("ready", shown["status"]!.ToString());
        Assert.Equal(5, (int)shown["nodes"]!);
        Assert.Equal(10, (int)shown["pods"]!);
        Assert.Equal($"https://127.0.0.1:{cluster.Port}", shown["endpoint"]!.ToString());
        Assert.DoesNotContain(cluster.Token, shown.ToJsonString(), StringComparison.Ordinal);

        // The main cluster: the tenant namespace, nodes with capacity/allocatable patched through status, pods with requests.
        var main = bed.MainKubeconfig;
        Assert.Contains("cluster-test-cluster-012", await Kubectl.OutputAsync(main, "get", "namespaces", "-o", "name"));
        var nodes = JsonNode.Parse(await Kubectl.OutputAsync(main, "get", "nodes", "-l", "cluster-id=test-cluster-012", "-o", "json"))!["items"]!.AsArray();
        Assert.Equal(5, nodes.Count);
        Assert.All(nodes, n =>
        {
            Assert.Equal("8", n!["status"]!["capacity"]!["cpu"]!.ToString());
            Assert.Equal("7800m", n["status"]!["allocatable"]!["cpu"]!.ToString());
            Assert.Equal("kwok", n["metadata"]!["labels"]!["type"]!.ToString());
        });
        var pods = JsonNode.Parse(await Kubectl.OutputAsync(main, "get", "pods", "-n", "cluster-test-cluster-012", "-o", "json"))!["items"]!.AsArray();
        Assert.Equal(10, pods.Count);
        Assert.All(pods, p => Assert.Equal("100m", p!["spec"]!["containers"]![0]!["resources"]!["requests"]!["cpu"]!.ToString()));
        Assert.All(pods, p => Assert.StartsWith("test-cluster-012-node", p!["spec"]!["nodeName"]!.ToString(), StringComparison.Ordinal));

        // Its own endpoint, with its own kubeconfig (0600).
        var own = shown["kubeconfig"]!.ToString();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(own));
        Assert.Contains("test-cluster-012-node3", await Kubectl.OutputAsync(own, "get", "nodes"));
        Assert.Contains("test-cluster-012-pod7", await Kubectl.OutputAsync(own, "get", "pods"));

        using var deleted = await bed.Http.DeleteAsync("/clusters/test-cluster-012");
        Assert.Equal(200, (int)deleted.StatusCode);
        Assert.DoesNotContain("cluster-test-cluster-012", await Kubectl.OutputAsync(main, "get", "namespaces", "-o", "name"));
        Assert.Empty(JsonNode.Parse(await Kubectl.OutputAsync(main, "get", "nodes", "-o", "json"))!["items"]!.AsArray());
        Assert.False(File.Exists(own));
        using var gone = await bed.Http.GetAsync("/clusters/test-cluster-012");
        Assert.Equal(404, (int)gone.StatusCode);
        var (code, _, _) = await Kubectl.RunAsync(own.Replace("kubeconfig", "missing", StringComparison.Ordinal), "--request-timeout=5s", "--server", $"https://127.0.0.1:{cluster.Port}", "--insecure-skip-tls-verify", "get", "nodes");
        Assert.NotEqual(0, code); // the endpoint is gone with it
    }

    [Fact]
    public async Task Restart_SameStateDir_ClustersReadyOnTheirPortsWithSameCredentials()
    {
        using var dir = new TempDir();
        var bed = await AgentTestBed.StartAsync(dir.Path);
        var first = await bed.CreateReadyAsync("alpha");
        var kubeconfig = bed.Agent.Options.KubeconfigPath("alpha");
        var before = await File.ReadAllTextAsync(kubeconfig);
        await bed.StopAsync();

        await using var again = await AgentTestBed.StartAsync(dir.Path);
        var back = await again.ReadyAsync("alpha");
        Assert.Equal(first.Port, back.Port);
        Assert.Equal(before, await File.ReadAllTextAsync(kubeconfig)); // same CA, token and port: old kubeconfigs keep working
        Assert.Contains("alpha-pod1", await Kubectl.OutputAsync(kubeconfig, "get", "pods"));
    }

    [Fact]
    public async Task Restart_PortTakenBySomeoneElse_EndpointMovesAndKubeconfigFollows()
    {
        using var dir = new TempDir();
        var bed = await AgentTestBed.StartAsync(dir.Path);
        var first = await bed.CreateReadyAsync("beta");
        await bed.StopAsync();
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, first.Port);
        squatter.Start();

        await using var again = await AgentTestBed.StartAsync(dir.Path);
        var back = await again.ReadyAsync("beta");
        Assert.NotEqual(first.Port, back.Port);
        var shown = await again.GetAsync("beta");
        Assert.Contains($"port {first.Port} was taken", shown["reason"]?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Contains("beta-node1", await Kubectl.OutputAsync(again.Agent.Options.KubeconfigPath("beta"), "get", "nodes"));
    }
}
