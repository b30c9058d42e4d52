using System.Diagnostics;
using System.Text.Json;
using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Simulator;
using Kubelink.Simulator.Network;

namespace Kubelink.Bench;

/// <summary>
/// B4: how long until a lost cluster is reported (server stopped, connections reset, a silent path, a server that
/// accepts requests and never answers) and until it is ready again once the server is back, for the sidecar with its
/// default settings (probe every 5 s, 3 s timeout, sentinel watch, back-off 0.5 s → 30 s) beside a fixed-interval poller
/// with the same interval and timeout, in the same run against the same faults. Both reach the simulator through a
/// <see cref="DelayRelay"/> (no delay), whose black hole drops every byte as a dead route does; and a slow but alive
/// server (1.5 s per request) must raise no alarm.
/// </summary>
internal static class B4Health
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private sealed record Fault(string Name, Func<SimulatorServer, DelayRelay, Task> Break, Func<SimulatorServer, DelayRelay, Task> Mend, string Target);

    private static readonly Fault[] Faults =
    [
        new("stop", (s, _) => s.Faults.RefuseConnectionsAsync(), (s, _) => s.Faults.AcceptConnectionsAsync(), "within 1 s"),
        new("reset", (s, _) => { s.Faults.DropNewConnections = true; s.Faults.DropConnections(); return Task.CompletedTask; }, (s, _) => { s.Faults.DropNewConnections = false; return Task.CompletedTask; }, "within 1 s"),
        new("black hole (silent path: every byte dropped, connections open)", (_, r) => { r.BlackHole = true; return Task.CompletedTask; }, (_, r) => { r.BlackHole = false; return Task.CompletedTask; }, "within 2 s"),
        new("hung server (requests accepted, never answered)", (s, _) => { s.Faults.BlackHole = true; return Task.CompletedTask; }, (s, _) => { s.Faults.BlackHole = false; return Task.CompletedTask; }, "within interval + timeout (8 s)"),
    ];

    public static async Task RunAsync(Options options, Report report)
    {
        await using var simulator = new SimulatorServer(new SimulatorOptions { Namespaces = 3, Nodes = 1, PodsPerNamespace = 1 });
        await simulator.StartAsync();
        using var dir = new TempFolder();
        await using var relay = new DelayRelay(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, simulator.BaseAddress.Port), TimeSpan.Zero);
        relay.Start();
        simulator.AddCertificateUser("bench", ["system:masters"]);
        var kubeconfig = Path.Combine(dir.Path, "bench.yaml");
        simulator.WriteKubeconfig(kubeconfig, "bench", "bench", "default");
        File.WriteAllText(kubeconfig, File.ReadAllText(kubeconfig).Replace(simulator.BaseAddress.Authority, relay.BaseAddress.Authority, StringComparison.Ordinal));
        var pollerToken = simulator.AddTokenUser("poller", ["system:masters"]);
        await using var sidecar = SidecarClient.Start(options.SidecarDll, Path.Combine(dir.Path, "state"), new Dictionary<string, string> { ["KUBECONFIG"] = Path.Combine(dir.Path, "none") }, Methods.ClusterHealthChanged);
        await sidecar.InitializeAsync();
        var list = await sidecar.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.KubeconfigSetSyncPaths, new SetSyncPathsParams { Paths = [dir.Path] });
        var id = list.GetProperty("clusters").EnumerateArray().First(c => c.GetProperty("contextName").GetString() == "bench").GetProperty("id").GetString()!;
        await sidecar.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.ClusterActivate, new ClusterIdParams { ClusterId = id });
        await WaitForAsync(sidecar, "ready");
        await using var poller = new FixedIntervalPoller(relay.BaseAddress, pollerToken, Interval, Timeout);

        var rounds = Math.Min(options.Rounds, 5); // a black-hole round alone takes up to 2 × (interval + timeout)
        var phase = new Random(4);
        foreach (var fault in Faults)
        {
            var (detect, detectBase, back, backBase) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
            for (var round = 0; round < rounds; round++)
            {
                // An outage starts at a random moment of both schedules (right after a recovery both have just polled,
                // which would always hand the poller its worst case).
                await Task.Delay(TimeSpan.FromMilliseconds(phase.Next(0, (int)Interval.TotalMilliseconds)));
                var (k, b) = await TimeBothAsync(sidecar, poller, "disconnected", healthy: false, () => fault.Break(simulator, relay));
                (detect, detectBase).Add(k, b);
                (k, b) = await TimeBothAsync(sidecar, poller, "ready", healthy: true, () => fault.Mend(simulator, relay));
                (back, backBase).Add(k, b);
            }

            report.Add(new Row("B4", $"{fault.Name}: detected", Report.Median(detect), "ms", Report.Median(detectBase), "poller every 5 s, 3 s timeout", fault.Target));
            report.Add(new Row("B4", $"{fault.Name}: ready again after the server returns", Report.Median(back), "ms", Report.Median(backBase), "poller every 5 s, 3 s timeout", "—"));
        }

        await B4BelowTcp.RunAsync(options, report, simulator, dir.Path, rounds);
        report.Add(new Row("B4", "slow but alive server (1.5 s per request, 4 probe intervals): disconnected events", await SlowServerAlarmsAsync(sidecar, simulator), "events", null, "—", "none"));
        var states = await FlapAsync(sidecar, simulator, 50);
        report.Add(new Row("B4", "50 flaps (stop, restart): disconnected events", states.Count(s => s == "disconnected"), "events", null, "—", "exactly 50"));
        report.Add(new Row("B4", "50 flaps (stop, restart): ready events", states.Count(s => s == "ready"), "events", null, "—", "exactly 50"));
    }

    /// <summary>Health events while every request takes 1.5 s (under the probe timeout): any is a false alarm.</summary>
    private static async Task<int> SlowServerAlarmsAsync(SidecarClient sidecar, SimulatorServer simulator)
    {
        Drain(sidecar);
        simulator.Faults.Latency = TimeSpan.FromSeconds(1.5);
        await Task.Delay(4 * Interval);
        simulator.Faults.Latency = TimeSpan.Zero;
        var alarms = 0;
        while (sidecar.Notifications.Reader.TryRead(out var item))
        {
            alarms += item.Params.GetProperty("state").GetString() == "disconnected" ? 1 : 0;
        }

        return alarms;
    }

    /// <summary>Stops and restarts the server <paramref name="count"/> times, each time until Kubelink noticed and recovered; returns every state it published.</summary>
    private static async Task<List<string>> FlapAsync(SidecarClient sidecar, SimulatorServer simulator, int count)
    {
        Drain(sidecar);
        var states = new List<string>();
        for (var i = 0; i < count; i++)
        {
            await simulator.Faults.RefuseConnectionsAsync();
            await CollectUntilAsync(sidecar, "disconnected", states);
            await simulator.Faults.AcceptConnectionsAsync();
            await CollectUntilAsync(sidecar, "ready", states);
        }

        // Whatever is still queued a moment later: a late duplicate from an old generation would show here.
        await Task.Delay(TimeSpan.FromSeconds(2));
        while (sidecar.Notifications.Reader.TryRead(out var late))
        {
            states.Add(late.Params.GetProperty("state").GetString()!);
        }

        return states;
    }

    private static async Task CollectUntilAsync(SidecarClient sidecar, string state, List<string> states)
    {
        string seen;
        do
        {
            seen = (await sidecar.NextAsync(Methods.ClusterHealthChanged, TimeSpan.FromMinutes(1))).GetProperty("state").GetString()!;
            states.Add(seen);
        }
        while (seen != state);
    }

    private static void Drain(SidecarClient sidecar)
    {
        while (sidecar.Notifications.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>Starts both clocks, applies the change, and waits for the sidecar's notification and the poller's verdict.</summary>
    private static async Task<(double Kubelink, double Baseline)> TimeBothAsync(SidecarClient sidecar, FixedIntervalPoller poller, string state, bool healthy, Func<Task> change)
    {
        Drain(sidecar);
        var baseline = poller.NextAsync(healthy);
        var start = Stopwatch.GetTimestamp();
        await change();
        await WaitForAsync(sidecar, state);
        var kubelink = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var polled = Stopwatch.GetElapsedTime(start, await baseline.WaitAsync(TimeSpan.FromMinutes(1))).TotalMilliseconds;
        return (kubelink, polled);
    }

    private static async Task WaitForAsync(SidecarClient sidecar, string state)
    {
        while ((await sidecar.NextAsync(Methods.ClusterHealthChanged, TimeSpan.FromMinutes(1))).GetProperty("state").GetString() != state)
        {
        }
    }

    private static void Add(this (List<double> Kubelink, List<double> Baseline) lists, double kubelink, double baseline)
    {
        lists.Kubelink.Add(kubelink);
        lists.Baseline.Add(baseline);
    }
}
