using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Simulator;

namespace Kubelink.Bench;

/// <summary>
/// B2: GET list calls through Kubelink's proxy, straight to the API server, and through `kubectl proxy`, in one run
/// (same load: concurrent workers for a fixed time each, alternating rounds); then 1,000 concurrent watches through the
/// proxy and the sidecar's resident memory before and after.
/// </summary>
internal static class B2Proxy
{
    private const string Path_ = "/api/v1/namespaces/team-a/pods";

    public static async Task RunAsync(Options options, Report report)
    {
        await using var simulator = new SimulatorServer(new SimulatorOptions { Namespaces = 2, Nodes = 2, PodsPerNamespace = 20 });
        await simulator.StartAsync();
        using var dir = new TempFolder();
        var (certPem, keyPem) = simulator.AddCertificateUser("bench-admin", ["system:masters"]);
        var kubeconfig = Path.Combine(dir.Path, "admin.yaml");
        simulator.WriteKubeconfig(kubeconfig, "bench-admin", "bench-admin", "team-a");

        await using var sidecar = SidecarClient.Start(options.SidecarDll, Path.Combine(dir.Path, "state"), new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig });
        await sidecar.InitializeAsync();
        var list = await sidecar.Rpc.InvokeAsync<JsonElement>(Methods.CatalogList);
        var id = list.GetProperty("clusters")[0].GetProperty("id").GetString()!;
        var info = await sidecar.Rpc.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterActivate, new ClusterActivateParams { ClusterId = id });
        var (proxyToken, proxyCa) = ReadProxyKubeconfig(info.ProxyKubeconfigPath!);

        using var kubectlProxy = await KubectlProxy.StartAsync(options.Kubectl, kubeconfig);
        using var direct = Client(simulator.BaseAddress.ToString(), null, simulator.CaCertificatePem, X509Certificate2.CreateFromPem(certPem, keyPem));
        using var proxied = Client(info.ProxyUrl!, proxyToken, proxyCa, null);
        using var viaKubectl = Client(kubectlProxy.Url, null, null, null);

        var duration = TimeSpan.FromSeconds(options.Quick ? 2 : 5);
        var results = new Dictionary<string, List<Load>> { ["kubelink"] = [], ["direct"] = [], ["kubectl"] = [] };
        for (var round = 0; round < options.Rounds; round++)
        {
            results["direct"].Add(await RunLoadAsync(direct, duration));
            results["kubelink"].Add(await RunLoadAsync(proxied, duration));
            results["kubectl"].Add(await RunLoadAsync(viaKubectl, duration));
        }

        double Med(string who, Func<Load, double> pick) => Report.Median(results[who].Select(pick));
        report.Add(new Row("B2", "GET list: requests/s via Kubelink proxy", Med("kubelink", l => l.Rps), "req/s", Med("direct", l => l.Rps), "direct to API server", ">= 0.8x direct"));
        report.Add(new Row("B2", "GET list: requests/s via Kubelink proxy", Med("kubelink", l => l.Rps), "req/s", Med("kubectl", l => l.Rps), "kubectl proxy", ">= 2x kubectl proxy"));
        report.Add(new Row("B2", "GET list: p50 latency via Kubelink proxy", Med("kubelink", l => l.P50), "ms", Med("direct", l => l.P50), "direct to API server", "—"));
        report.Add(new Row("B2", "GET list: p99 latency via Kubelink proxy", Med("kubelink", l => l.P99), "ms", Med("direct", l => l.P99), "direct to API server", "under +1 ms"));
        report.Add(new Row("B2", "GET list: p99 latency via kubectl proxy", Med("kubectl", l => l.P99), "ms", Med("direct", l => l.P99), "direct to API server", "—"));

        var before = Measure.RssMegabytes(sidecar.Process.Id);
        var watches = options.Quick ? 300 : 1000;
        var opened = await OpenWatchesAsync(proxied, watches);
        var after = Measure.RssMegabytes(sidecar.Process.Id);
        report.Add(new Row("B2", $"sidecar RSS with {watches} watches open through the proxy", after, "MB", before, "same sidecar, no watches", "memory flat"));
        foreach (var (response, stream) in opened)
        {
            stream.Dispose();
            response.Dispose();
        }
    }

    private sealed record Load(double Rps, double P50, double P99);

    private static async Task<Load> RunLoadAsync(HttpClient http, TimeSpan duration)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, 8).Select(async _ =>
        {
            while (stop.Elapsed < duration)
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync(Path_.TrimStart('/'));
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
        });
        await Task.WhenAll(workers);
        var sorted = latencies.Order().ToArray();
        return new Load(sorted.Length / stop.Elapsed.TotalSeconds, sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.99)]);
    }

    private static async Task<List<(HttpResponseMessage, Stream)>> OpenWatchesAsync(HttpClient http, int count)
    {
        var opened = new List<(HttpResponseMessage, Stream)>();
        for (var i = 0; i < count; i++)
        {
            var response = await http.GetAsync("api/v1/namespaces/team-a/configmaps?watch=1&timeoutSeconds=120", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            opened.Add((response, await response.Content.ReadAsStreamAsync()));
        }

        return opened;
    }

    private static HttpClient Client(string baseUrl, string? token, string? caPem, X509Certificate2? clientCert)
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

        if (clientCert is not null)
        {
            handler.SslOptions.ClientCertificates = [X509CertificateLoader.LoadPkcs12(clientCert.Export(X509ContentType.Pkcs12), null)];
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

    /// <summary>`kubectl proxy` on a free port, as the baseline the seed and Lens's older versions used.</summary>
    private sealed class KubectlProxy : IDisposable
    {
        private readonly Process _process;

        private KubectlProxy(Process process, string url)
        {
            _process = process;
            Url = url;
        }

        public string Url { get; }

        public static async Task<KubectlProxy> StartAsync(string kubectl, string kubeconfig)
        {
            var info = new ProcessStartInfo(kubectl, ["proxy", "--port=0", "--address=127.0.0.1"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.Environment["KUBECONFIG"] = kubeconfig;
            var process = Process.Start(info)!;
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException("kubectl proxy did not start");
            var port = line[(line.LastIndexOf(':') + 1)..].Trim();
            return new KubectlProxy(process, $"http://127.0.0.1:{port}");
        }

        public void Dispose()
        {
            _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }
}
