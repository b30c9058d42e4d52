using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Simulator;
using Kubelink.Simulator.Network;

namespace Kubelink.Bench;

/// <summary>
/// B4's silent path made below TCP (<see cref="LossyLink"/>: a network namespace whose veth link drops every packet), where
/// the kernel sees the loss too: the sidecar runs inside the namespace and reaches the simulator across the link, so a
/// heartbeat PING that is never acknowledged ends its connection by <c>TCP_USER_TIMEOUT</c> as well (decision 61). Which
/// verdict came first is read from each round's health message. Beside it, the kernel alone: a plain socket with the same
/// option writing a byte every 250 ms, timed from the loss to its ETIMEDOUT.
/// </summary>
internal static class B4BelowTcp
{
    private const string What = "silent path below TCP (network namespace, every packet dropped both ways)";

    public static async Task RunAsync(Options options, Report report, SimulatorServer simulator, string dir, int rounds)
    {
        var (link, skipped) = await LossyLink.CreateAsync();
        if (link is null)
        {
            report.Note($"B4 {What}: skipped: {skipped}");
            return;
        }

        await using (link)
        {
            await KernelAloneAsync(report, link, rounds);
            await SidecarAsync(options, report, link, simulator, dir, rounds);
        }
    }

    private static async Task SidecarAsync(Options options, Report report, LossyLink link, SimulatorServer simulator, string dir, int rounds)
    {
        await using var relay = new DelayRelay(new IPEndPoint(IPAddress.Loopback, simulator.BaseAddress.Port), TimeSpan.Zero, link.HostAddress);
        relay.Start();
        var folder = Directory.CreateDirectory(Path.Combine(dir, "below-tcp")).FullName;
        var kubeconfig = Path.Combine(folder, "bench.yaml");
        simulator.WriteKubeconfig(kubeconfig, "bench", "bench", "default");
        // The server is the link's address, which the simulator's certificate does not name; tls-server-name would be the
        // way, but SocketsHttpHandler sets the TLS target host from the request's URI (so the sidecar ignores it today).
        // Skipping verification changes nothing B4 measures.
        File.WriteAllText(kubeconfig, System.Text.RegularExpressions.Regex.Replace(
            File.ReadAllText(kubeconfig).Replace(simulator.BaseAddress.Authority, relay.BaseAddress.Authority, StringComparison.Ordinal),
            "    certificate-authority-data: .*\n",
            "    insecure-skip-tls-verify: true\n"));
        await using var sidecar = SidecarClient.Start(link.Inside(), options.SidecarDll, Path.Combine(folder, "state"), new Dictionary<string, string> { ["KUBECONFIG"] = Path.Combine(folder, "none") }, Methods.ClusterHealthChanged);
        await sidecar.InitializeAsync();
        var list = await sidecar.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.KubeconfigSetSyncPaths, new SetSyncPathsParams { Paths = [folder] });
        var id = list.GetProperty("clusters").EnumerateArray().First(c => c.GetProperty("contextName").GetString() == "bench").GetProperty("id").GetString()!;
        await sidecar.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.ClusterActivate, new ClusterIdParams { ClusterId = id });
        await UntilAsync(sidecar, "ready");

        var (detect, back, kernel, heartbeat) = (new List<double>(), new List<double>(), 0, 0);
        var phase = new Random(5);
        for (var round = 0; round < rounds; round++)
        {
            // A random moment of the heartbeat's and the sentinel's schedules (250 ms and 1 s).
            await Task.Delay(TimeSpan.FromMilliseconds(phase.Next(0, 1000)));
            var start = Stopwatch.GetTimestamp();
            await link.LoseEverythingAsync();
            var lost = await UntilAsync(sidecar, "disconnected");
            detect.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            var message = lost.GetProperty("message").GetString() ?? "";
            kernel += message.Contains("TCP_USER_TIMEOUT", StringComparison.Ordinal) ? 1 : 0;
            heartbeat += message.Contains("two HTTP/2 PINGs", StringComparison.Ordinal) ? 1 : 0;
            start = Stopwatch.GetTimestamp();
            await link.RestoreAsync();
            await UntilAsync(sidecar, "ready");
            back.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        report.Add(new Row("B4", $"{What}: detected", Report.Median(detect), "ms", null, "—", "within 2 s"));
        report.Add(new Row("B4", $"{What}: ready again after the path returns", Report.Median(back), "ms", null, "—", "—"));
        report.Add(new Row("B4", $"{What}: rounds decided by the kernel (TCP_USER_TIMEOUT)", kernel, "rounds", null, "—", $"of {rounds}"));
        report.Add(new Row("B4", $"{What}: rounds decided by the heartbeat (two PINGs unanswered)", heartbeat, "rounds", null, "—", $"of {rounds}"));
    }

    /// <summary>A socket inside the namespace with TCP_USER_TIMEOUT 1 s, writing a byte every 250 ms: time from the loss to ETIMEDOUT.</summary>
    private static async Task KernelAloneAsync(Report report, LossyLink link, int rounds)
    {
        using var listener = new TcpListener(link.HostAddress, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var timings = new List<double>();
        var endings = new List<string>();
        var phase = new Random(6);
        for (var round = 0; round < rounds; round++)
        {
            string[] command = [.. link.Inside([.. Self(), "--kernel-probe", link.HostAddress.ToString(), port.ToString(System.Globalization.CultureInfo.InvariantCulture)])];
            using var probe = Process.Start(new ProcessStartInfo(command[0], command[1..]) { RedirectStandardOutput = true, UseShellExecute = false })!;
            try
            {
                using var accepted = await listener.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(30));
                var drain = Task.Run(() => Drain(accepted));
                if (await probe.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) != "connected")
                {
                    throw new InvalidOperationException("the kernel probe did not connect");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(phase.Next(0, 250)));
                var start = Stopwatch.GetTimestamp();
                await link.LoseEverythingAsync();
                var ended = await probe.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
                timings.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                endings.Add(ended ?? "(no line)");
                await link.RestoreAsync();
            }
            finally
            {
                if (!probe.HasExited)
                {
                    probe.Kill();
                }
            }
        }

        report.Add(new Row("B4", $"{What}, the kernel alone (TCP_USER_TIMEOUT 1 s, a byte sent every 250 ms): connection ended", Report.Median(timings), "ms", null, "—", "—"));
        report.Note($"B4 kernel probe endings: {string.Join(", ", endings)}");
    }

    private static void Drain(Socket socket)
    {
        var buffer = new byte[256];
        try
        {
            while (socket.Receive(buffer) > 0)
            {
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>This benchmark program's own command line, for the probe run inside the namespace.</summary>
    private static string[] Self() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? [Environment.ProcessPath!, typeof(B4BelowTcp).Assembly.Location] : [Environment.ProcessPath!];

    /// <summary>
    /// The probe itself (<c>--kernel-probe HOST PORT</c>, inside the namespace): connects, sets TCP_USER_TIMEOUT to 1 s,
    /// says "connected", writes a byte every 250 ms, and says "ended {error}" the moment a blocking read fails.
    /// </summary>
    public static void Probe(string host, int port)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(IPAddress.Parse(host), port);
        socket.SetRawSocketOption((int)SocketOptionLevel.Tcp, 18, BitConverter.GetBytes(1000)); // TCP_USER_TIMEOUT, ms
        Console.WriteLine("connected");
        var reader = new Thread(() =>
        {
            try
            {
                Console.WriteLine(socket.Receive(new byte[1]) == 0 ? "ended closed" : "ended data");
            }
            catch (SocketException e)
            {
                Console.WriteLine($"ended {e.SocketErrorCode}");
            }

            Environment.Exit(0);
        }) { IsBackground = true };
        reader.Start();
        while (true)
        {
            try
            {
                socket.Send([1]);
            }
            catch (SocketException)
            {
                reader.Join();
            }

            Thread.Sleep(250);
        }
    }

    private static async Task<JsonElement> UntilAsync(SidecarClient sidecar, string state)
    {
        while (true)
        {
            var health = await sidecar.NextAsync(Methods.ClusterHealthChanged, TimeSpan.FromMinutes(1));
            if (health.GetProperty("state").GetString() == state)
            {
                return health;
            }
        }
    }
}
