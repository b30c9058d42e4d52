using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Kubelink.Sidecar.Simulated;

namespace Kubelink.Bench;

/// <summary>
/// B8: the agent (a process) creating N simulated clusters (5 nodes, 10 pods each) on a main cluster that is a separate
/// simulator process, so each one's memory is its own. Time until all are ready, both RSS, and a full pod list through one
/// cluster's endpoint beside the same list straight from the main cluster, alternating.
/// </summary>
internal static class B8SimulatedClusters
{
    public static async Task RunAsync(Options options, Report report)
    {
        foreach (var count in options.Quick ? new[] { 10, 100 } : [10, 100, 500])
        {
            await RunOnceAsync(options, report, count);
        }
    }

    private static async Task RunOnceAsync(Options options, Report report, int count)
    {
        using var dir = new TempFolder();
        var kubeconfigs = Path.Combine(dir.Path, "main");
        using var simulator = await LineProcess.StartAsync(options.SidecarDll, "listening on", "simulator", "--port", "0", "--kubeconfig-dir", kubeconfigs, "--namespaces", "0", "--nodes", "0");
        var mainKubeconfig = Path.Combine(kubeconfigs, "admin.kubeconfig");
        using var agent = await LineProcess.StartAsync(options.SidecarDll, "kubelink agent listening on", "agent", "--port", "0", "--state-dir", Path.Combine(dir.Path, "agent"), "--main-kubeconfig", mainKubeconfig);
        using var http = new HttpClient { BaseAddress = new Uri(agent.Line.Split(' ')[4]) };

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(1, count).Select(async i =>
        {
            using var body = new StringContent(new JsonObject { ["name"] = $"bench-{i:D4}" }.ToJsonString(), Encoding.UTF8, "application/json");
            (await http.PostAsync("/clusters", body)).EnsureSuccessStatusCode();
        }));
        while (true)
        {
            var clusters = (await http.GetFromJsonAsync<JsonObject>("/clusters"))!["clusters"]!.AsArray();
            if (clusters.All(c => c!["status"]!.ToString() == "ready"))
            {
                break;
            }
            if (clusters.FirstOrDefault(c => c!["status"]!.ToString() == "failed") is { } failed)
            {
                throw new InvalidOperationException($"B8: {failed.ToJsonString()}");
            }
            await Task.Delay(100); // a bench may poll: it measures, it does not assert
        }
        var ready = watch.Elapsed.TotalSeconds;
        report.Add(new Row("B8", $"{count} clusters: POST to all ready", ready, "s", null, "—", "linear in N"));
        report.Add(new Row("B8", $"{count} clusters: agent RSS", Measure.RssMegabytes(agent.Process.Id), "MB", null, "—", "flat per cluster"));
        report.Add(new Row("B8", $"{count} clusters: main simulator RSS", Measure.RssMegabytes(simulator.Process.Id), "MB", null, "—", "flat per cluster"));

        // The same list both ways: through cluster 1's endpoint (pass-through) and straight from the main cluster.
        var state = new AgentStateFile(Path.Combine(dir.Path, "agent")).Load();
        var first = state.Clusters["bench-0001"];
        using var endpoint = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { BaseAddress = new Uri($"https://127.0.0.1:{first.Port}/") };
        endpoint.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", first.Token);
        using var main = MainCluster.Open(mainKubeconfig, TimeProvider.System);
        var through = new List<double>();
        var direct = new List<double>();
        for (var round = 0; round < Math.Max(options.Rounds, 5); round++)
        {
            through.Add(await TimeListAsync(endpoint));
            direct.Add(await TimeListAsync(main.Http));
        }
        report.Add(new Row("B8", $"{count} clusters: GET all {count * 10} pods through one endpoint", Report.Median(through), "ms", Report.Median(direct), "main cluster direct", "within 1.2x direct"));
    }

    private static async Task<double> TimeListAsync(HttpClient client)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync("api/v1/pods");
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>A verb of the sidecar as a child process, started once it printed its ready line.</summary>
    private sealed class LineProcess : IDisposable
    {
        private LineProcess(Process process, string line)
        {
            Process = process;
            Line = line;
        }

        public Process Process { get; }

        public string Line { get; }

        public static async Task<LineProcess> StartAsync(string dll, string awaited, params string[] args)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(dll);
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }
            info.Environment["KUBELINK_LOG_LEVEL"] = "Warning";
            var process = Process.Start(info)!;
            _ = process.StandardError.ReadToEndAsync();
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.Contains(awaited, StringComparison.Ordinal))
                {
                    _ = process.StandardOutput.ReadToEndAsync();
                    return new LineProcess(process, line);
                }
            }
            throw new InvalidOperationException($"{args[0]} exited before '{awaited}'");
        }

        public void Dispose()
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
            Process.Dispose();
        }
    }
}
