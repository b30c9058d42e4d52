using System.Text.Json.Nodes;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Simulated;

/// <summary>Read-only and tenant scoping per cluster, through the real kubectl against the cluster's endpoint.</summary>
public sealed class EndpointOptionsTests
{
    [Fact]
    public async Task TenantScoped_ListsOnlyTheTenant_OtherNamespacesForbidden()
    {
        await using var bed = await AgentTestBed.StartAsync();
        await bed.CreateReadyAsync("other");
        await bed.CreateReadyAsync("scoped", tenantScoped: true);
        var kubeconfig = bed.Agent.Options.KubeconfigPath("scoped");

        var pods = JsonNode.Parse(await Kubectl.OutputAsync(kubeconfig, "get", "pods", "-A", "-o", "json"))!["items"]!.AsArray();
        Assert.Equal(10, pods.Count);
        Assert.All(pods, p => Assert.Equal("cluster-scoped", p!["metadata"]!["namespace"]!.ToString()));
        var nodes = await Kubectl.OutputAsync(kubeconfig, "get", "nodes", "-o", "name");
        Assert.DoesNotContain("other-node", nodes, StringComparison.Ordinal);
        Assert.Contains("scoped-node5", nodes, StringComparison.Ordinal);
        Assert.Equal("namespace/cluster-scoped", (await Kubectl.OutputAsync(kubeconfig, "get", "namespaces", "-o", "name")).Trim());
        var (code, _, stderr) = await Kubectl.RunAsync(kubeconfig, "get", "pods", "-n", "cluster-other");
        Assert.NotEqual(0, code);
        Assert.Contains("only sees namespace cluster-scoped", stderr, StringComparison.Ordinal);

        // Unscoped: the whole main cluster, as the seed's pass-through proxy.
        var all = JsonNode.Parse(await Kubectl.OutputAsync(bed.Agent.Options.KubeconfigPath("other"), "get", "pods", "-A", "-o", "json"))!["items"]!.AsArray();
        Assert.Equal(20, all.Count);
    }

    [Fact]
    public async Task ReadOnly_ReadsAndAccessReviewsPass_WritesForbidden()
    {
        await using var bed = await AgentTestBed.StartAsync();
        await bed.CreateReadyAsync("frozen", readOnly: true);
        var kubeconfig = bed.Agent.Options.KubeconfigPath("frozen");

        Assert.Contains("frozen-pod1", await Kubectl.OutputAsync(kubeconfig, "get", "pods"));
        Assert.Equal("yes", (await Kubectl.OutputAsync(kubeconfig, "auth", "can-i", "get", "pods")).Trim());
        var (code, _, stderr) = await Kubectl.RunAsync(kubeconfig, "create", "configmap", "nope");
        Assert.NotEqual(0, code);
        Assert.Contains("read-only", stderr, StringComparison.Ordinal);
        var (deleteCode, _, _) = await Kubectl.RunAsync(kubeconfig, "delete", "pod", "frozen-pod1");
        Assert.NotEqual(0, deleteCode);
        Assert.Contains("frozen-pod1", await Kubectl.OutputAsync(bed.MainKubeconfig, "get", "pods", "-n", "cluster-frozen"));
    }

    [Fact]
    public async Task Endpoint_WrongTokenOrForeignHost_Refused()
    {
        await using var bed = await AgentTestBed.StartAsync();
        var cluster = await bed.CreateReadyAsync("guarded");
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{cluster.Port}") };
        using var noToken = await http.GetAsync("/api/v1/nodes");
        Assert.Equal(401, (int)noToken.StatusCode);

        using var rebinding = new HttpRequestMessage(HttpMethod.Get, "/api/v1/nodes");
        rebinding.Headers.Host = "attacker.example";
        rebinding.Headers.Authorization = new("Bearer", cluster.Token);
        using var foreign = await http.SendAsync(rebinding);
        Assert.Equal(403, (int)foreign.StatusCode);
    }
}
