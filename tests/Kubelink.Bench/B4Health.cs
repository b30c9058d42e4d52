using System.Diagnostics;
using System.Text.Json;
using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Simulator;

namespace Kubelink.Bench;

/// <summary>
/// B4: how fast a lost API server is noticed (stopped, connections reset, silently black-holed) and how fast the cluster is
/// ready again once the server is back. Kubelink runs with its shipped defaults; beside it, in the same fault episodes, a
/// fixed-interval poller of the seed's kind (uds-runtime: a health GET every 10 s) watches the same simulator, so both
/// see exactly the same outage. Ends with 50 quick flaps, counting health transitions.
/// </summary>
internal static class B4Health
{
    private static readonly TimeSpan EpisodeTimeout = TimeSpan.FromSeconds(90);

    private sealed record Fault(string Name, Func<SimulatorServer, Task> Break, Func<SimulatorServer, Task> Heal);

    private static readonly Fault[] Faults =
    [
        new("stop", s => s.StopAsync(), s => s.RestartAsync()),
        new("reset", s => { s.Faults.DropNewConnections = true; s.Faults.DropConnections(); return Task.CompletedTask; }, s => { s.Faults.DropNewConnections = false; return Task.CompletedTask; }),
        new("black hole", s => { s.Faults.BlackHole = true; return Task.CompletedTask; }, s => { s.Faults.BlackHole = false; return Task.CompletedTask; }),
    ];

    public static async Task RunAsync(Options options, Report report)
    {
        await using var simulator = new SimulatorServer(new SimulatorOptions { Namespaces = 3, Nodes = 2, PodsPerNamespace = 2 });
        await simulator.StartAsync();
        using var dir = new TempFolder();
        simulator.AddCertificateUser("bench-admin", ["system:masters"]);
        simulator.WriteKubeconfig(Path.Combine(dir.Path, "bench.yaml"), "bench-admin", "bench", "default");
        var pollerToken = simulator.AddTokenUser("poller", ["system:masters"]);

        await using var sidecar = SidecarClient.Start(options.SidecarDll, Path.Combine(dir.Path, "state"), new Dictionary<string, string> { ["KUBECONFIG"] = Path.Combine(dir.Path, "none") }, Methods.ClusterHealthChanged);
        await sidecar.InitializeAsync();
        var list = await sidecar.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.KubeconfigSetSyncPaths, new SetSyncPathsParams { Paths = [dir.Path] });
        var id = list.GetProperty("clusters").EnumerateArray().First(c => c.GetProperty("contextName").GetString() == "bench").GetProperty("id").GetString()!;
        await sidecar.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.ClusterActivate, new ClusterIdParams { ClusterId = id });

        await using var poller = new FixedIntervalPoller(simulator.BaseAddress, pollerToken, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        var random = new Random(4);
        var rounds = options.Quick ? 3 : 7;
        foreach (var fault in Faults)
        {
            var detect = new List<double>();
            var detectBaseline = new List<double>();
            var recover = new List<double>();
            var recoverBaseline = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                // A random moment relative to both probe schedules, as a real outage would be.
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(500, 5000)));
                Drain(sidecar);
                var broken = Stopwatch.GetTimestamp();
                await fault.Break(simulator);
                var pollerDown = poller.NextFailureAfter(broken);
                detect.Add(await UntilStateAsync(sidecar, s => s != "ready", broken));
                detectBaseline.Add(await pollerDown.WaitAsync(EpisodeTimeout));

                var healed = Stopwatch.GetTimestamp();
                await fault.Heal(simulator);
                var pollerUp = poller.NextSuccessAfter(healed);
                recover.Add(await UntilStateAsync(sidecar, s => s == "ready", healed));
                recoverBaseline.Add(await pollerUp.WaitAsync(EpisodeTimeout));
            }

            var target = fault.Name == "black hole" ? "within interval + timeout (8 s)" : "within 1 s";
            report.Add(new Row("B4", $"{fault.Name} -> disconnected", Report.Median(detect), "ms", Report.Median(detectBaseline), "fixed 10 s poller, 10 s timeout (seed)", target));
            report.Add(new Row("B4", $"{fault.Name}: server back -> ready", Report.Median(recover), "ms", Report.Median(recoverBaseline), "fixed 10 s poller (seed)", "—"));
        }

        var (disconnects, reconnects) = await FlapAsync(sidecar, simulator, 50);
        report.Add(new Row("B4", "50 flaps (stop/start): disconnected events", disconnects, "events", null, "—", "exactly 50"));
        report.Add(new Row("B4", "50 flaps (stop/start): ready events", reconnects, "events", null, "—", "exactly 50"));
    }

    /// <summary>Stops and restarts the server <paramref name="count"/> times, each time waiting for Kubelink to notice and recover; counts every transition it publishes.</summary>
    private static async Task<(int Disconnects, int Reconnects)> FlapAsync(SidecarClient sidecar, SimulatorServer simulator, int count)
    {
        Drain(sidecar);
        var states = new List<string>();
        for (var i = 0; i < count; i++)
        {
            await simulator.StopAsync();
            await CollectUntilAsync(sidecar, "disconnected", states);
            await simulator.RestartAsync();
            await CollectUntilAsync(sidecar, "ready", states);
        }

        // Anything still queued a moment later (a late duplicate from an old generation would show here).
        await Task.Delay(TimeSpan.FromSeconds(2));
        while (sidecar.Notifications.Reader.TryRead(out var late))
        {
            states.Add(late.Params.GetProperty("state").GetString()!);
        }

        return (states.Count(s => s == "disconnected"), states.Count(s => s == "ready"));
    }

    private static async Task CollectUntilAsync(SidecarClient sidecar, string state, List<string> states)
    {
        string seen;
        do
        {
            seen = (await sidecar.NextAsync(Methods.ClusterHealthChanged, EpisodeTimeout)).GetProperty("state").GetString()!;
            states.Add(seen);
        }
        while (seen != state);
    }

    private static async Task<double> UntilStateAsync(SidecarClient sidecar, Func<string, bool> wanted, long since)
    {
        while (true)
        {
            var health = await sidecar.NextAsync(Methods.ClusterHealthChanged, EpisodeTimeout);
            if (wanted(health.GetProperty("state").GetString()!))
            {
                return Stopwatch.GetElapsedTime(since).TotalMilliseconds;
            }
        }
    }

    private static void Drain(SidecarClient sidecar)
    {
        while (sidecar.Notifications.Reader.TryRead(out _))
        {
        }
    }
}
