using System.Diagnostics;
using System.Net;

namespace Kubelink.Bench;

/// <summary>
/// A network path that can lose every packet below TCP: a network namespace joined to the bench's by a veth pair, with a
/// <c>blackhole</c> queueing discipline on both ends while the loss lasts (every packet either side sends is dropped by
/// the kernel, so no ACK ever comes back and TCP itself sees the loss, unlike a user-space relay). <c>tc netem loss
/// 100%</c> says the same but needs the sch_netem module, which containers often lack; <c>blackhole</c> is built into
/// every kernel with traffic control. Needs CAP_NET_ADMIN: <see cref="CreateAsync"/> says why it cannot be made instead.
/// </summary>
internal sealed class LossyLink : IAsyncDisposable
{
    private readonly string _hostDevice;
    private readonly string _nsDevice;

    private LossyLink(string ns, string hostDevice, string nsDevice, IPAddress host)
    {
        (Namespace, _hostDevice, _nsDevice, HostAddress) = (ns, hostDevice, nsDevice, host);
    }

    public string Namespace { get; }

    /// <summary>The bench's end of the link: what a process in <see cref="Namespace"/> connects to.</summary>
    public IPAddress HostAddress { get; }

    /// <summary>The link, or why it cannot be made here (not Linux, no <c>ip</c>, no CAP_NET_ADMIN, no traffic control).</summary>
    public static async Task<(LossyLink? Link, string? Skipped)> CreateAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (null, "needs Linux network namespaces");
        }

        var id = Environment.ProcessId;
        var (ns, host, peer) = ($"kubelink-b4-{id}", $"klb4h{id % 100_000}", $"klb4n{id % 100_000}");
        // A /30 of 10.231.0.0/16 chosen by the process id, so two benches on one machine do not collide.
        var (c, d) = ((id >> 6) & 255, (id & 63) * 4);
        if (await TryRunAsync("ip", "netns", "add", ns) is { } error)
        {
            return (null, $"needs CAP_NET_ADMIN (ip netns add: {error})");
        }

        var link = new LossyLink(ns, host, peer, IPAddress.Parse($"10.231.{c}.{d + 1}"));
        string[][] steps =
        [
            ["ip", "link", "add", host, "type", "veth", "peer", "name", peer],
            ["ip", "link", "set", peer, "netns", ns],
            ["ip", "addr", "add", $"10.231.{c}.{d + 1}/30", "dev", host],
            ["ip", "link", "set", host, "up"],
            ["ip", "netns", "exec", ns, "ip", "addr", "add", $"10.231.{c}.{d + 2}/30", "dev", peer],
            ["ip", "netns", "exec", ns, "ip", "link", "set", peer, "up"],
            ["ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"],
            ["tc", "qdisc", "add", "dev", host, "root", "blackhole"],
            ["tc", "qdisc", "del", "dev", host, "root"],
        ];
        foreach (var step in steps)
        {
            if (await TryRunAsync(step[0], step[1..]) is { } failed)
            {
                await link.DisposeAsync();
                return (null, $"needs CAP_NET_ADMIN and traffic control ({string.Join(' ', step)}: {failed})");
            }
        }

        return (link, null);
    }

    /// <summary>Every packet, both ways, dropped from now on; open connections stay open.</summary>
    public async Task LoseEverythingAsync()
    {
        await RunAsync("tc", "qdisc", "add", "dev", _hostDevice, "root", "blackhole");
        await RunAsync("ip", "netns", "exec", Namespace, "tc", "qdisc", "add", "dev", _nsDevice, "root", "blackhole");
    }

    public async Task RestoreAsync()
    {
        await RunAsync("tc", "qdisc", "del", "dev", _hostDevice, "root");
        await RunAsync("ip", "netns", "exec", Namespace, "tc", "qdisc", "del", "dev", _nsDevice, "root");
    }

    /// <summary>The command line that runs <paramref name="command"/> inside the namespace.</summary>
    public string[] Inside(params string[] command) => ["ip", "netns", "exec", Namespace, .. command];

    public async ValueTask DisposeAsync()
    {
        await TryRunAsync("ip", "link", "del", _hostDevice); // takes its peer with it
        await TryRunAsync("ip", "netns", "del", Namespace);
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        if (await TryRunAsync(file, args) is { } error)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {error}");
        }
    }

    /// <returns>Null on success, else the command's error output (or why it could not start).</returns>
    private static async Task<string?> TryRunAsync(string file, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? null : (await error).Trim();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{file} not found ({e.Message})";
        }
    }
}
