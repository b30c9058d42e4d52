using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Clusters;

/// <summary>The proxy as callers see it: real kubectl through the proxy kubeconfig, hostile callers refused.</summary>
public sealed class ProxyTests
{
    [Fact]
    public async Task Kubectl_ThroughTheProxyKubeconfig_GetsPods_WithNoCredentialsOfItsOwn()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-restricted");

        var output = await Kubectl.OutputAsync(info.ProxyKubeconfigPath!, "get", "pods", "-o", "name");

        Assert.Contains("pod/", output);
        Assert.DoesNotContain(bed.RestrictedToken, await File.ReadAllTextAsync(info.ProxyKubeconfigPath!));
    }

    [Fact]
    public async Task Kubectl_Forbidden_SeesTheServersOwn403()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-restricted");

        var (code, _, stderr) = await Kubectl.RunAsync(info.ProxyKubeconfigPath!, "get", "nodes");

        Assert.NotEqual(0, code);
        Assert.Contains("forbidden", stderr);
    }

    [Fact]
    public async Task KubectlWatch_StreamsEventsThroughTheProxy()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-admin");
        bed.Simulator.Store.Create(ConfigMap("team-a", "existing-before-watch"));
        using var watch = Process.Start(Kubectl.StartInfo(info.ProxyKubeconfigPath!, "get", "configmaps", "-n", "team-a", "--watch", "-o", "name"))!;
        var listed = new TaskCompletionSource();
        var seen = new TaskCompletionSource();
        watch.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("existing-before-watch", StringComparison.Ordinal) == true)
            {
                listed.TrySetResult();
            }
            else if (e.Data?.Contains("created-while-watching", StringComparison.Ordinal) == true)
            {
                seen.TrySetResult();
            }
        };
        watch.BeginOutputReadLine();
        try
        {
            // kubectl lists first and watches from the list's resourceVersion, so anything created after the list is
            // printed is delivered, however late the watch request itself is.
            await Wait.For(listed.Task, "kubectl to print the existing configmap");
            bed.Simulator.Store.Create(ConfigMap("team-a", "created-while-watching"));
            await Wait.For(seen.Task, "kubectl --watch to print the new configmap");
        }
        finally
        {
            watch.Kill();
        }
    }

    [Fact]
    public async Task CallerWithoutTheProxyToken_Gets401()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-admin");
        using var http = InsecureClient();

        using var none = await http.GetAsync(info.ProxyUrl + "/api/v1/namespaces");
        using var wrong = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, info.ProxyUrl + "/api/v1/namespaces") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "guess") } });

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("\"kind\":\"Status\"", await none.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CallerWithAForeignHost_Gets403_EvenWithTheToken()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-admin");
        var token = TokenOf(await File.ReadAllTextAsync(info.ProxyKubeconfigPath!));
        using var http = InsecureClient();
        var request = new HttpRequestMessage(HttpMethod.Get, info.ProxyUrl + "/api/v1/namespaces");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Host = "evil.example.com";

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Deactivate_ClosesTheRouteAndDeletesTheProxyKubeconfig()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-admin");
        var token = TokenOf(await File.ReadAllTextAsync(info.ProxyKubeconfigPath!));

        await bed.Sidecar.Client.InvokeWithParameterObjectAsync<object>(Methods.ClusterDeactivate, new ClusterIdParams { ClusterId = info.Id });
        using var http = InsecureClient();
        var request = new HttpRequestMessage(HttpMethod.Get, info.ProxyUrl + "/version");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(File.Exists(info.ProxyKubeconfigPath));
    }

    [Fact]
    public async Task SetDefaultNamespace_RewritesTheProxyKubeconfig()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var info = await bed.ActivateAsync("sim-restricted");

        await bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterSetDefaultNamespace, new SetDefaultNamespaceParams { ClusterId = info.Id, Namespace = "team-b" });
        var output = await Kubectl.OutputAsync(info.ProxyKubeconfigPath!, "config", "view", "--minify", "-o", "jsonpath={.contexts[0].context.namespace}");

        Assert.Equal("team-b", output.Trim());
    }

    // These tests are about what the proxy refuses, not about TLS, which kubectl verifies in the tests above.
    private static HttpClient InsecureClient() =>
        new(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator });

    internal static System.Text.Json.Nodes.JsonObject ConfigMap(string ns, string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = name, ["namespace"] = ns },
        ["data"] = new System.Text.Json.Nodes.JsonObject { ["k"] = "v" },
    };

    internal static string TokenOf(string kubeconfig) =>
        kubeconfig.Split('\n').Single(l => l.TrimStart().StartsWith("token:", StringComparison.Ordinal)).Split(':', 2)[1].Trim().Trim('\'');
}
