using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Simulator;
using Kubelink.Simulator.Network;

namespace Kubelink.Bench;

/// <summary>
/// B1: cluster/activate to ready and to the complete permission map, at 20 ms injected latency, for a user who may list
/// namespaces and has 'view' in every one of them (so the map needs a review per namespace). Baselines in the same run:
/// the critical path (4 round trips) and the seed's strategy (every check one after another, one review per namespace).
/// </summary>
internal static class B1Activation
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

    public static async Task RunAsync(Options options, Report report)
    {
        int[] sizes = options.Quick ? [10, 100] : [10, 100, 1000];
        foreach (var namespaces in sizes)
        {
            await RunSizeAsync(options, report, namespaces);
        }

        await RelayedAsync(options, report, options.Quick ? 100 : 1000);
    }

    private static async Task RunSizeAsync(Options options, Report report, int namespaces)
    {
        {
            await using var simulator = new SimulatorServer(new SimulatorOptions { Namespaces = namespaces, Nodes = 3, PodsPerNamespace = 1, ApiGroups = 55, KindsPerGroup = 2 });
            await simulator.StartAsync();
            using var dir = new TempFolder();
            var token = GrantViewEverywhere(simulator, namespaces);
            simulator.WriteKubeconfig(Path.Combine(dir.Path, "bench.yaml"), "bench", "bench", "default");
            simulator.Faults.Latency = Latency;

            // One sidecar per size, as a user has one running: the first activation is cold (JIT, TLS), the rest warm.
            await using var sidecar = SidecarClient.Start(options.SidecarDll, Path.Combine(dir.Path, "state"), new Dictionary<string, string> { ["KUBECONFIG"] = Path.Combine(dir.Path, "none") }, Methods.ClusterStage);
            await sidecar.InitializeAsync();
            var list = await sidecar.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.KubeconfigSetSyncPaths, new SetSyncPathsParams { Paths = [dir.Path] });
            var id = list.GetProperty("clusters").EnumerateArray().First(c => c.GetProperty("contextName").GetString() == "bench").GetProperty("id").GetString()!;
            var (coldReady, _) = await ActivateAsync(sidecar, id);
            var ready = new List<double>();
            var complete = new List<double>();
            var seed = new List<double>();
            for (var round = 0; round < options.Rounds; round++)
            {
                var (r, c) = await ActivateAsync(sidecar, id);
                ready.Add(r);
                complete.Add(c);
                if (namespaces <= 100 || round == 0)
                {
                    seed.Add(await SeedStrategyAsync(simulator, token));
                }
            }

            report.Add(new Row("B1", $"{namespaces} ns: first activation after sidecar start (cold) -> ready", coldReady, "ms", null, "—", "—"));
            var critical = 4 * Latency.TotalMilliseconds;
            report.Add(new Row("B1", $"{namespaces} ns: activate -> ready", Report.Median(ready), "ms", critical, "critical path (4 x 20 ms)", "within 1.5x critical path"));
            report.Add(new Row("B1", $"{namespaces} ns: activate -> full permission map", Report.Median(complete), "ms", Report.Median(seed), "seed: sequential checks and reviews", namespaces >= 1000 ? "under 1 s" : "—"));
        }
    }

    /// <summary>
    /// The same activation with the round trips on the wire instead: no injected latency, a <see cref="DelayRelay"/>
    /// adding 10 ms to every chunk each way (20 ms RTT), so TCP and TLS set-up and every connection not reused cost
    /// round trips as against a remote cluster. Critical path: TCP (1 RTT) + TLS 1.3 (1 RTT) + 4 request round trips.
    /// </summary>
    private static async Task RelayedAsync(Options options, Report report, int namespaces)
    {
        var oneWay = TimeSpan.FromMilliseconds(10);
        await using var simulator = new SimulatorServer(new SimulatorOptions { Namespaces = namespaces, Nodes = 3, PodsPerNamespace = 1, ApiGroups = 55, KindsPerGroup = 2 });
        await simulator.StartAsync();
        await using var relay = new DelayRelay(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, simulator.BaseAddress.Port), oneWay);
        relay.Start();
        using var dir = new TempFolder();
        GrantViewEverywhere(simulator, namespaces);
        var kubeconfig = Path.Combine(dir.Path, "bench.yaml");
        simulator.WriteKubeconfig(kubeconfig, "bench", "bench", "default");
        File.WriteAllText(kubeconfig, File.ReadAllText(kubeconfig).Replace(simulator.BaseAddress.Authority, relay.BaseAddress.Authority, StringComparison.Ordinal));
        await using var sidecar = SidecarClient.Start(options.SidecarDll, Path.Combine(dir.Path, "state"), new Dictionary<string, string> { ["KUBECONFIG"] = Path.Combine(dir.Path, "none") }, Methods.ClusterStage);
        await sidecar.InitializeAsync();
        var list = await sidecar.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.KubeconfigSetSyncPaths, new SetSyncPathsParams { Paths = [dir.Path] });
        var id = list.GetProperty("clusters").EnumerateArray().First(c => c.GetProperty("contextName").GetString() == "bench").GetProperty("id").GetString()!;
        await ActivateAsync(sidecar, id); // cold: JIT and the discovery cache, as a user's second activation would have
        var ready = new List<double>();
        var complete = new List<double>();
        for (var round = 0; round < options.Rounds; round++)
        {
            var (r, c) = await ActivateAsync(sidecar, id);
            ready.Add(r);
            complete.Add(c);
        }

        var critical = 6 * 2 * oneWay.TotalMilliseconds;
        report.Add(new Row("B1", $"{namespaces} ns over a TCP relay (20 ms RTT): activate -> ready", Report.Median(ready), "ms", critical, "critical path (TCP + TLS + 4 round trips)", "within 1.5x critical path"));
        report.Add(new Row("B1", $"{namespaces} ns over a TCP relay (20 ms RTT): activate -> full permission map", Report.Median(complete), "ms", 1000, "target", "under 1 s"));
    }

    private static string GrantViewEverywhere(SimulatorServer simulator, int namespaces)
    {
        var token = simulator.AddTokenUser("bench");
        simulator.Store.Create(BenchObjects.Obj("rbac.authorization.k8s.io/v1", "ClusterRole", null, "ns-reader", o => o["rules"] = new JsonArray(new JsonObject
        {
            ["apiGroups"] = new JsonArray(""),
            ["resources"] = new JsonArray("namespaces"),
            ["verbs"] = new JsonArray("get", "list", "watch"),
        })));
        simulator.Store.Create(BenchObjects.Obj("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "bench-ns-reader", o => BenchObjects.Bind(o, "bench", "ns-reader")));
        foreach (var ns in simulator.Store.List("v1", "Namespace").Select(n => n["metadata"]!["name"]!.GetValue<string>()))
        {
            simulator.Store.Create(BenchObjects.Obj("rbac.authorization.k8s.io/v1", "RoleBinding", ns, "bench-view", o => BenchObjects.Bind(o, "bench", "view")));
        }

        return token;
    }

    private static async Task<(double Ready, double Complete)> ActivateAsync(SidecarClient sidecar, string id)
    {
        await sidecar.Rpc.InvokeWithParameterObjectAsync<object>(Methods.ClusterDeactivate, new ClusterIdParams { ClusterId = id });
        while (sidecar.Notifications.Reader.TryRead(out _))
        {
        }

        var watch = Stopwatch.StartNew();
        var info = await sidecar.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.ClusterActivate, new ClusterIdParams { ClusterId = id });
        var ready = watch.Elapsed.TotalMilliseconds;
        while (!info.GetProperty("permissionsComplete").GetBoolean())
        {
            var stage = await sidecar.NextAsync(Methods.ClusterStage, TimeSpan.FromMinutes(2));
            if (Environment.GetEnvironmentVariable("KUBELINK_BENCH_TRACE") == "1")
            {
                Console.Error.WriteLine($"    {stage.GetProperty("timestamp").GetDateTimeOffset():HH:mm:ss.fff}  {stage.GetProperty("stage").GetString()}: {stage.GetProperty("message").GetString()}");
            }

            if (stage.GetProperty("level").GetString() == "error")
            {
                throw new InvalidOperationException(stage.GetProperty("message").GetString());
            }

            if (stage.GetProperty("stage").GetString() == "permissions")
            {
                info = await sidecar.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.ClusterGet, new ClusterIdParams { ClusterId = id });
            }
        }

        return (ready, watch.Elapsed.TotalMilliseconds);
    }

    /// <summary>The seed's activation: version, admin, watch, namespaces, /api, /apis and every group, then one rules review per namespace, each waiting for the last.</summary>
    private static async Task<double> SeedStrategyAsync(SimulatorServer simulator, string token)
    {
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator }) { BaseAddress = simulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var watch = Stopwatch.StartNew();
        await http.GetStringAsync("/version");
        await Review(http, "create", "kube-system");
        await Review(http, "watch", null);
        var namespaces = JsonNode.Parse(await http.GetStringAsync("/api/v1/namespaces"))!["items"]!.AsArray().Select(n => n!["metadata"]!["name"]!.GetValue<string>()).ToList();
        await http.GetStringAsync("/api");
        await http.GetStringAsync("/api/v1");
        foreach (var group in JsonNode.Parse(await http.GetStringAsync("/apis"))!["groups"]!.AsArray())
        {
            await http.GetStringAsync("/apis/" + group!["preferredVersion"]!["groupVersion"]!.GetValue<string>());
        }

        foreach (var ns in namespaces)
        {
            using var response = await http.PostAsJsonAsync("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", new JsonObject
            {
                ["apiVersion"] = "authorization.k8s.io/v1",
                ["kind"] = "SelfSubjectRulesReview",
                ["spec"] = new JsonObject { ["namespace"] = ns },
            });
            response.EnsureSuccessStatusCode();
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task Review(HttpClient http, string verb, string? ns)
    {
        var attributes = new JsonObject { ["verb"] = verb, ["resource"] = "*", ["group"] = "*" };
        if (ns is not null)
        {
            attributes["namespace"] = ns;
        }

        using var response = await http.PostAsJsonAsync("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", new JsonObject
        {
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["kind"] = "SelfSubjectAccessReview",
            ["spec"] = new JsonObject { ["resourceAttributes"] = attributes },
        });
        response.EnsureSuccessStatusCode();
    }
}
