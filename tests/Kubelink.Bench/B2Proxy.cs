using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Simulator;

namespace Kubelink.Bench;

/// <summary>
/// B2: GET list calls through Kubelink's proxy, straight to the API server, and through `kubectl proxy`, in one run:
/// the same path and the same restricted token (view in team-a) for all three, alternating rounds, with the bench's own
/// .NET client and with <c>wrk</c>; then many concurrent watches through the proxy (<see cref="B2Watches"/>).
/// </summary>
internal static class B2Proxy
{
    private const string ListPath = "/api/v1/namespaces/team-a/pods";

    public static async Task RunAsync(Options options, Report report)
    {
        await using var simulator = new SimulatorServer(new SimulatorOptions { Namespaces = 2, Nodes = 2, PodsPerNamespace = 20 });
        await simulator.StartAsync();
        using var dir = new TempFolder();
        var token = simulator.AddTokenUser("bench");
        simulator.Store.Create(BenchObjects.Obj("rbac.authorization.k8s.io/v1", "RoleBinding", "team-a", "bench-view", o => BenchObjects.Bind(o, "bench", "view")));
        var kubeconfig = Path.Combine(dir.Path, "bench.yaml");
        simulator.WriteKubeconfig(kubeconfig, "bench", "bench", "team-a");

        await using var sidecar = SidecarClient.Start(options.SidecarDll, Path.Combine(dir.Path, "state"), new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig });
        await sidecar.InitializeAsync();
        var list = await sidecar.Rpc.InvokeAsync<JsonElement>(Methods.CatalogList);
        var id = list.GetProperty("clusters")[0].GetProperty("id").GetString()!;
        var info = await sidecar.Rpc.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterActivate, new ClusterActivateParams { ClusterId = id });
        var (proxyToken, proxyCa) = ReadProxyKubeconfig(info.ProxyKubeconfigPath!);
        using var kubectlProxy = await KubectlProxy.StartAsync(options.Kubectl, kubeconfig);

        var targets = new (string Name, string Url, string? Token, string? Ca)[]
        {
            ("direct", simulator.BaseAddress.ToString(), token, simulator.CaCertificatePem),
            ("kubelink", info.ProxyUrl!, proxyToken, proxyCa),
            ("kubectl", kubectlProxy.Url, null, null),
        };
        var clients = targets.ToDictionary(t => t.Name, t => Client(t.Url, t.Token, t.Ca));
        var duration = TimeSpan.FromSeconds(options.Quick ? 2 : 5);
        var wrkDuration = TimeSpan.FromSeconds(options.Quick ? 3 : 8);
        var own = targets.ToDictionary(t => t.Name, _ => new List<Load>());
        var wrk = targets.ToDictionary(t => t.Name, _ => new List<Load>());
        // CPU per request (wrk rounds): the sidecar's own cost, and the API server's (the simulator runs in this process,
        // which wrk's direct rounds leave otherwise idle), so a ratio that CPU bounds on a shared machine can be explained.
        var sidecarCpu = new List<double>();
        var serverCpu = new List<double>();
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var t in targets)
            {
                own[t.Name].Add(await RunLoadAsync(clients[t.Name], duration));
            }

            foreach (var t in targets.Where(_ => Wrk.Available))
            {
                var (sidecarBefore, serverBefore) = (Cpu.Milliseconds(sidecar.Process.Id), Cpu.Milliseconds(Environment.ProcessId));
                var load = await Wrk.RunAsync(t.Url.TrimEnd('/') + ListPath, t.Token, wrkDuration);
                var requests = load.Rps * wrkDuration.TotalSeconds;
                wrk[t.Name].Add(load);
                if (t.Name == "kubelink")
                {
                    sidecarCpu.Add(1000 * (Cpu.Milliseconds(sidecar.Process.Id) - sidecarBefore) / requests);
                }
                else if (t.Name == "direct")
                {
                    serverCpu.Add(1000 * (Cpu.Milliseconds(Environment.ProcessId) - serverBefore) / requests);
                }
            }
        }

        AddRows(report, "bench client (8 workers, HTTP/2 where offered)", own);
        if (Wrk.Available)
        {
            AddRows(report, $"wrk -t2 -c{Wrk.Connections} (HTTP/1.1 keep-alive)", wrk);
            report.Add(new Row("B2", "wrk: sidecar CPU per proxied request", Report.Median(sidecarCpu), "us", Report.Median(serverCpu), "API server (simulator) CPU per direct request", "—"));
        }

        await B2Watches.RunAsync(clients["kubelink"], simulator, sidecar.Process.Id, options.Quick ? 300 : 1000, report);
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    private static void AddRows(Report report, string client, Dictionary<string, List<Load>> results)
    {
        double Med(string who, Func<Load, double> pick) => Report.Median(results[who].Select(pick));
        report.Add(new Row("B2", $"{client}: requests/s via Kubelink proxy", Med("kubelink", l => l.Rps), "req/s", Med("direct", l => l.Rps), "direct to API server", ">= 0.8x direct"));
        report.Add(new Row("B2", $"{client}: requests/s via Kubelink proxy", Med("kubelink", l => l.Rps), "req/s", Med("kubectl", l => l.Rps), "kubectl proxy", ">= 2x kubectl proxy"));
        report.Add(new Row("B2", $"{client}: p50 latency via Kubelink proxy", Med("kubelink", l => l.P50), "ms", Med("direct", l => l.P50), "direct to API server", "—"));
        report.Add(new Row("B2", $"{client}: p99 latency via Kubelink proxy", Med("kubelink", l => l.P99), "ms", Med("direct", l => l.P99), "direct to API server", "under +1 ms"));
        report.Add(new Row("B2", $"{client}: p99 latency via kubectl proxy", Med("kubectl", l => l.P99), "ms", Med("direct", l => l.P99), "direct to API server", "—"));
    }

    private static async Task<Load> RunLoadAsync(HttpClient http, TimeSpan duration)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, 8).Select(async _ =>
        {
            while (stop.Elapsed < duration)
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync(ListPath.TrimStart('/'));
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
        });
        await Task.WhenAll(workers);
        var sorted = latencies.Order().ToArray();
        return new Load(sorted.Length / stop.Elapsed.TotalSeconds, sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.99)]);
    }

    private static HttpClient Client(string baseUrl, string? token, string? caPem)
    {
        var handler = new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64, EnableMultipleHttp2Connections = true };
        if (caPem is not null)
        {
            var ca = X509Certificate2.CreateFromPem(caPem);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return cert is not null && chain.Build(new X509Certificate2(cert));
            };
        }

        // HTTP/2 where the server offers it (TLS): many watches share few connections, as a real client's would.
        var http = new HttpClient(handler)
        {
            BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"),
            DefaultRequestVersion = System.Net.HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    private static (string Token, string CaPem) ReadProxyKubeconfig(string path)
    {
        var lines = File.ReadAllLines(path).Select(l => l.Trim()).ToList();
        var token = lines.Single(l => l.StartsWith("token:", StringComparison.Ordinal))[6..].Trim().Trim('\'');
        var ca = lines.Single(l => l.StartsWith("certificate-authority-data:", StringComparison.Ordinal))[27..].Trim();
        return (token, System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(ca)));
    }
}
