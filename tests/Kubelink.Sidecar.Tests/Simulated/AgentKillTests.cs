using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Simulated;

/// <summary>
/// <c>kill -9</c> of the real agent process during creation, ten times, each at a later step of the set-up (the n-th object
/// written, seen in its Debug log): after every restart each cluster created before is ready on its port, nothing twice.
/// </summary>
public sealed class AgentKillTests
{
    [Fact]
    public async Task KillDuringCreation_TenTimes_EveryClusterReadyOnItsPortNothingDuplicated()
    {
        using var dir = new TempDir();
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var round = 1; round <= 10; round++)
        {
            using var agent = await AgentProcess.StartAsync(dir.Path);
            await AllReadyAsync(agent, ports);

            var name = $"kill-{round:D2}";
            // Armed before the POST: the kill comes at the (2·round−1)-th object written for this cluster, or when it is ready.
            var step = agent.WhenLine(l => l.Contains($"Cluster {name}: wrote", StringComparison.Ordinal), 2 * round - 1);
            var ready = agent.WhenLine(l => l.Contains($"Cluster {name} is ready", StringComparison.Ordinal));
            using var content = new StringContent(new JsonObject { ["name"] = name }.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await agent.Http.PostAsync("/clusters", content);
            var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.True((int)response.StatusCode == 201, created.ToJsonString());
            ports[name] = (int)created["port"]!;
            await Wait.For(Task.WhenAny(step, ready), $"step {2 * round - 1} of {name}", TimeSpan.FromSeconds(90));
            agent.Kill();
        }

        using var last = await AgentProcess.StartAsync(dir.Path);
        await AllReadyAsync(last, ports);
        var main = Path.Combine(dir.Path, "main", "admin.kubeconfig");
        var namespaces = (await Kubectl.OutputAsync(main, "get", "namespaces", "-o", "name")).Split('\n').Count(n => n.StartsWith("namespace/cluster-", StringComparison.Ordinal));
        Assert.Equal(10, namespaces);
        var nodes = JsonNode.Parse(await Kubectl.OutputAsync(main, "get", "nodes", "-o", "json"))!["items"]!.AsArray();
        Assert.Equal(50, nodes.Count);
        var pods = JsonNode.Parse(await Kubectl.OutputAsync(main, "get", "pods", "-A", "-o", "json"))!["items"]!.AsArray();
        Assert.Equal(100, pods.Count);
        foreach (var (name, port) in ports)
        {
            var kubeconfig = Path.Combine(dir.Path, "clusters", name, "kubeconfig");
            Assert.Contains($"https://127.0.0.1:{port}", await File.ReadAllTextAsync(kubeconfig), StringComparison.Ordinal);
            Assert.Contains($"{name}-pod10", await Kubectl.OutputAsync(kubeconfig, "get", "pods"), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Every known cluster is set up again by this run (each set-up ends with its "is ready" line, also for clusters that were
    /// ready before the kill), then shows ready on the port it was created with.
    /// </summary>
    private static async Task AllReadyAsync(AgentProcess agent, Dictionary<string, int> ports)
    {
        foreach (var (name, port) in ports)
        {
            await Wait.For(agent.SeenOrWhen(l => l.Contains($"Cluster {name} is ready", StringComparison.Ordinal)), $"{name} ready after the restart", TimeSpan.FromSeconds(90));
            var shown = (await agent.Http.GetFromJsonAsync<JsonObject>($"/clusters/{name}"))!;
            Assert.Equal("ready", shown["status"]!.ToString());
            Assert.Equal(port, (int)shown["port"]!);
        }
    }
}
