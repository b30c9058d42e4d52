using System.Diagnostics;
using System.Text.Json;
using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Simulator;

namespace Kubelink.Bench;

/// <summary>B6: process start to the initialize answer, against a bare dotnet hello-world; resident memory idle and with 20 ready clusters.</summary>
internal static class B6SidecarStart
{
    public static async Task RunAsync(Options options, Report report)
    {
        using var dir = new TempFolder();
        var home = Directory.CreateDirectory(Path.Combine(dir.Path, "home")).FullName;
        var env = new Dictionary<string, string> { ["HOME"] = home, ["KUBECONFIG"] = Path.Combine(home, "none") };
        var ours = new List<double>();
        var hello = new List<double>();
        for (var round = 0; round < options.Rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            await using (var sidecar = SidecarClient.Start(options.SidecarDll, Path.Combine(dir.Path, "state"), env))
            {
                await sidecar.InitializeAsync();
                ours.Add(watch.Elapsed.TotalMilliseconds);
            }

            hello.Add(await Measure.ProcessAsync("dotnet", [options.HelloDll]));
        }

        report.Add(new Row("B6", "process start to initialize answer", Report.Median(ours), "ms", Report.Median(hello), "dotnet hello-world", "within 3x hello-world"));

        await using var idle = SidecarClient.Start(options.SidecarDll, Path.Combine(dir.Path, "state"), env);
        await idle.InitializeAsync();
        await idle.Rpc.InvokeAsync<object>(Kubelink.Protocol.Methods.CatalogList);
        report.Add(new Row("B6", "resident memory, idle", Measure.RssMegabytes(idle.Process.Id), "MB", null, "—", "under 80 MB"));
        report.Add(new Row("B6", "resident memory, 20 ready clusters (each: proxy route, health monitor, sentinel watch)", await TwentyClustersAsync(options, dir.Path, env), "MB", null, "—", "under 200 MB"));
    }

    /// <summary>Twenty contexts (one user each, on one simulator) connected at once; RSS once every one is ready and monitored.</summary>
    private static async Task<double> TwentyClustersAsync(Options options, string root, Dictionary<string, string> env)
    {
        await using var simulator = new SimulatorServer(new SimulatorOptions { Namespaces = 5, Nodes = 3, PodsPerNamespace = 3 });
        await simulator.StartAsync();
        var kubeconfigs = Directory.CreateDirectory(Path.Combine(root, "twenty")).FullName;
        for (var i = 0; i < 20; i++)
        {
            simulator.AddCertificateUser($"user-{i}", ["system:masters"]);
            simulator.WriteKubeconfig(Path.Combine(kubeconfigs, $"c{i}.yaml"), $"user-{i}", $"c{i}", "default");
        }

        await using var sidecar = SidecarClient.Start(options.SidecarDll, Path.Combine(root, "state-twenty"), env, Methods.ClusterHealthChanged);
        await sidecar.InitializeAsync();
        var list = await sidecar.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.KubeconfigSetSyncPaths, new SetSyncPathsParams { Paths = [kubeconfigs] });
        var ids = list.GetProperty("clusters").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        await Task.WhenAll(ids.Select(id => sidecar.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.ClusterActivate, new ClusterIdParams { ClusterId = id })));
        var ready = new HashSet<string>();
        while (ready.Count < ids.Count)
        {
            var health = await sidecar.NextAsync(Methods.ClusterHealthChanged, TimeSpan.FromMinutes(1));
            if (health.GetProperty("state").GetString() == "ready")
            {
                ready.Add(health.GetProperty("clusterId").GetString()!);
            }
        }

        // A few probe intervals, so every monitor has run and the heap has settled after the burst of activations.
        await Task.Delay(TimeSpan.FromSeconds(12));
        return Measure.RssMegabytes(sidecar.Process.Id);
    }
}
