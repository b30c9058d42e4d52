using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kubelink.Sidecar.ClusterAccess;
using Kubelink.Sidecar.GraphQL.Execution;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.ClusterAccess;

/// <summary>
/// Both verbs the way deploy/gateway.yaml runs them in a pod: no kubeconfig, no home, <c>KUBERNETES_SERVICE_HOST</c>/<c>_PORT</c>
/// and a mounted service-account folder (token, ca.crt) for the listener, whose rights are exactly deploy/rbac.yaml's.
/// </summary>
public sealed partial class InClusterTests
{
    [Fact]
    public async Task ListenerAndGateway_WithInClusterConfiguration_ServeAClusterAccess()
    {
        await using var bed = await ListenerTestBed.StartAsync(); // also runs an in-process listener; the pod's writes elsewhere
        await Kubectl.OutputAsync(bed.Kubeconfig, "apply", "-f", Path.Combine(AppContext.BaseDirectory, "deploy", "rbac.yaml"));
        var account = Directory.CreateDirectory(bed.Combine("serviceaccount")).FullName;
        await File.WriteAllTextAsync(Path.Combine(account, "token"), await MintAsync(bed, "kubelink-gateway", "kubelink-listener"));
        await File.WriteAllTextAsync(Path.Combine(account, "ca.crt"), bed.Simulator.CaCertificatePem);
        await File.WriteAllTextAsync(Path.Combine(account, "namespace"), "kubelink-gateway");
        bed.CaSecret();
        bed.Secret("sim-token", new() { ["token"] = bed.AdminToken });
        await bed.ApplyAsync(bed.Yaml("in-pod", "secretRef: {name: sim-token, key: token}", path: "pod-path"));

        var definitions = bed.Combine("pod-definitions");
        var pod = new Dictionary<string, string>
        {
            ["HOME"] = bed.Combine("empty-home"),
            ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1",
            ["KUBERNETES_SERVICE_PORT"] = bed.Simulator.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [KubeConnection.ServiceAccountDirVariable] = account,
        };
        var (listener, _) = await VerbProcess.StartAsync(pod, "listener watching", "listener", "--definitions", definitions);
        using (listener)
        {
            var (gateway, line) = await VerbProcess.StartAsync(new Dictionary<string, string> { ["HOME"] = bed.Combine("empty-home") }, "listening on", "gateway", "--definitions", definitions, "--port", "0");
            using (gateway)
            {
                var url = new Uri(Url().Match(line).Value);
                await Wait.Until(() => File.Exists(Path.Combine(definitions, "pod-path.json")), "the pod's listener writes pod-path.json", TimeSpan.FromSeconds(60));
                using var http = new HttpClient();
                JsonObject? body = null;
                await Wait.Until(() =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "/pod-path/graphql"))
                    {
                        Content = new StringContent("""{"query":"{ v1 { Namespaces { items { metadata { name } } } } }"}""", Encoding.UTF8, "application/json"),
                    };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bed.AdminToken);
                    using var response = http.Send(request);
                    body = JsonNode.Parse(response.Content.ReadAsStream())!.AsObject();
                    return response.IsSuccessStatusCode;
                }, "the gateway serves /pod-path/graphql", TimeSpan.FromSeconds(60));
                Assert.Null(body!["errors"]);
                Assert.Contains(body["data"]!["v1"]!["Namespaces"]!["items"]!.AsArray(), n => n!["metadata"]!["name"]!.ToString() == "kubelink-gateway");
            }
        }
    }

    private static async Task<string> MintAsync(ListenerTestBed bed, string ns, string name)
    {
        using var http = ClusterTls.Client(bed.Simulator.BaseAddress, bed.Simulator.CaCertificatePem);
        var body = new JsonObject { ["apiVersion"] = "authentication.k8s.io/v1", ["kind"] = "TokenRequest", ["spec"] = new JsonObject() };
        var response = await new KubeRest(http, bed.AdminToken).SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/serviceaccounts/{name}/token", body, null, CancellationToken.None);
        return response["status"]!["token"]!.ToString();
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex Url();
}
