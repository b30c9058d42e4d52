using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Kubelink.Simulator.Tests.Kubectl;

namespace Kubelink.Simulator.Tests.Cli;

/// <summary>The <c>simulator</c> verb end to end: kubeconfigs, kubectl, the admin endpoint, and state across restarts.</summary>
public sealed class SimulatorCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kubelink-sim-tests", "cli-" + Guid.NewGuid().ToString("N"));

    private sealed record Running(Task<int> Run, CancellationTokenSource Stop, StringWriter Output, Uri Url);

    private async Task<Running> StartAsync(params string[] extra)
    {
        var output = new StringWriter();
        var writer = TextWriter.Synchronized(output);
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => SimulatorCommand.RunAsync(["--kubeconfig-dir", _dir, .. extra], writer, stop.Token));
        await Await.Until(() => run.IsCompleted || output.ToString().Contains("https://127.0.0.1:"), "the ready line");
        Assert.False(run.IsCompleted, output.ToString());
        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var url = new Uri(line[line.IndexOf("https://", StringComparison.Ordinal)..].Trim());
        return new Running(run, stop, output, url);
    }

    [Fact]
    public async Task Cli_serves_kubectl_drives_faults_and_restores_state_on_the_same_port()
    {
        var state = Path.Combine(_dir, "state.json");
        var first = await StartAsync("--port", "0", "--state", state, "--namespaces", "1", "--nodes", "2");
        string adminKubeconfig = Path.Combine(_dir, "admin.kubeconfig"), restrictedKubeconfig = Path.Combine(_dir, "restricted.kubeconfig");
        foreach (var file in new[] { adminKubeconfig, restrictedKubeconfig, Path.Combine(_dir, "admin-endpoint.json") })
        {
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }
        Assert.Contains("certificate-authority-data:", await File.ReadAllTextAsync(adminKubeconfig));
        Assert.Contains("current-context: \"kubelink-sim-restricted\"", await File.ReadAllTextAsync(restrictedKubeconfig));

        var restricted = new KubectlRunner(restrictedKubeconfig);
        var pods = await restricted.RunAsync("get", "pods");
        Assert.True(pods.ExitCode == 0, pods.Stderr);
        Assert.Contains("Running", pods.Stdout);
        Assert.Contains("Forbidden", (await restricted.RunAsync("get", "nodes")).Stderr);
        Assert.Contains("Forbidden", (await restricted.RunAsync("get", "pods", "-n", "default")).Stderr);
        var nodes = await new KubectlRunner(adminKubeconfig).RunAsync("get", "nodes");
        Assert.True(nodes.ExitCode == 0, nodes.Stderr);

        var admin = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "admin-endpoint.json")))!;
        using var control = new HttpClient { BaseAddress = new Uri(admin["url"]!.GetValue<string>()) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await control.PostAsync("/faults/error?status=503&count=1", null)).StatusCode);
        control.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await control.PostAsync("/faults/error?status=503&count=1", null)).StatusCode);

        using (var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(adminKubeconfig)))
        {
            var injected = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespaceAsync());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, injected.Response.StatusCode);

            var refused = JsonNode.Parse(await (await control.PostAsync("/faults/refuse", null)).Content.ReadAsStringAsync())!;
            Assert.False(refused["listening"]!.GetValue<bool>());
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.CoreV1.ListNamespaceAsync());
            Assert.Equal(System.Net.Sockets.SocketError.ConnectionRefused, Assert.IsType<System.Net.Sockets.SocketException>(error.InnerException).SocketErrorCode);
            Assert.Equal(HttpStatusCode.OK, (await control.PostAsync("/faults/accept", null)).StatusCode);
            Assert.True(JsonNode.Parse(await control.GetStringAsync("/status"))!["listening"]!.GetValue<bool>());
            await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "persisted" } }, "team-b");
        }
        var oldKubeconfig = await File.ReadAllTextAsync(adminKubeconfig);

        first.Stop.Cancel();
        Assert.Equal(0, await Await.Within(first.Run, what: "the simulator to stop"));
        Assert.True(File.Exists(state));

        var second = await StartAsync("--port", first.Url.Port.ToString(), "--state", state);
        try
        {
            Assert.Equal(first.Url, second.Url);
            var previous = Path.Combine(_dir, "previous.kubeconfig");
            await File.WriteAllTextAsync(previous, oldKubeconfig);
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(previous));
            var persisted = await client.CoreV1.ReadNamespacedConfigMapAsync("persisted", "team-b");
            Assert.Equal("persisted", persisted.Metadata.Name);
            Assert.Equal(2, (await client.CoreV1.ListNodeAsync()).Items.Count);
        }
        finally
        {
            second.Stop.Cancel();
            Assert.Equal(0, await Await.Within(second.Run, what: "the simulator to stop"));
        }
    }

    [Fact]
    public async Task Bad_arguments_print_usage_and_return_2()
    {
        var output = new StringWriter();
        Assert.Equal(2, await SimulatorCommand.RunAsync(["--port", "x", "--kubeconfig-dir", _dir], output, CancellationToken.None));
        Assert.Contains("usage: simulator", output.ToString());
        Assert.Equal(2, await SimulatorCommand.RunAsync(["--nodes", "3"], output, CancellationToken.None));
    }

    [Fact]
    public async Task A_port_in_use_or_a_broken_state_file_returns_1_with_a_message()
    {
        using var blocker = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;
        var output = new StringWriter();
        Assert.Equal(1, await SimulatorCommand.RunAsync(["simulator", "--port", port.ToString(), "--kubeconfig-dir", _dir], output, CancellationToken.None));
        Assert.Contains("could not start", output.ToString());

        Directory.CreateDirectory(_dir);
        var state = Path.Combine(_dir, "broken.json");
        await File.WriteAllTextAsync(state, "{\"format\":1}");
        var broken = new StringWriter();
        Assert.Equal(1, await SimulatorCommand.RunAsync(["--port", "0", "--kubeconfig-dir", _dir, "--state", state], broken, CancellationToken.None));
        Assert.Contains("could not start", broken.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
