using System.Threading.Channels;
using Kubelink.Sidecar.Simulated.Tunnel;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Kubelink.Sidecar.Tests.Simulated.Tunnel;

/// <summary>Reconnects with jittered exponential back-off on an injected clock: a 401 from Rancher, then a dropped tunnel.</summary>
public sealed class TunnelClientTests
{
    [Fact]
    public async Task Refused_DelaysGrowAndJitter_ThenConnects()
    {
        await using var rancher = await FakeRemotedialer.StartAsync();
        rancher.Refuse = true;
        var clock = new FakeTimeProvider();
        var client = new TunnelClient(rancher.Register, new Dictionary<string, string> { ["X-API-Tunnel-Token"] = "registration-token" }, _ => false, clock, new Random(7));
        var delays = Channel.CreateUnbounded<TimeSpan>();
        var states = Channel.CreateUnbounded<(string State, string? Reason)>();
        client.RetryScheduled += d => delays.Writer.TryWrite(d);
        client.StateChanged += (s, r) => states.Writer.TryWrite((s, r));
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(stop.Token);

        var seen = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var delay = await Wait.For(delays.Reader.ReadAsync().AsTask(), $"retry {attempt}");
            seen.Add(delay);
            var ceiling = TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
            Assert.InRange(delay, ceiling / 2, ceiling);
            if (attempt == 6)
            {
                rancher.Refuse = false;
            }
            clock.Advance(delay);
        }
        Assert.True(seen.Distinct().Count() == seen.Count, "jittered: no two delays alike");
        Assert.Contains(Drain(states), s => s.State == "disconnected" && s.Reason!.Contains("401", StringComparison.Ordinal));
        while ((await Wait.For(states.Reader.ReadAsync().AsTask(), "connected")).State != "connected")
        {
        }
        Assert.Equal("registration-token", rancher.Headers["X-API-Tunnel-Token"]);

        await stop.CancelAsync();
        await Wait.For(run, "the client to stop");
    }

    [Fact]
    public async Task SessionDropped_ReconnectsAndBackOffStartsOver()
    {
        await using var rancher = await FakeRemotedialer.StartAsync();
        var clock = new FakeTimeProvider();
        var client = new TunnelClient(rancher.Register, new Dictionary<string, string>(), _ => false, clock, new Random(3));
        var delays = Channel.CreateUnbounded<TimeSpan>();
        client.RetryScheduled += d => delays.Writer.TryWrite(d);
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(stop.Token);

        var first = await rancher.SessionAsync();
        first.Abort(); // the link drops (as a load balancer does), no close handshake
        var delay = await Wait.For(delays.Reader.ReadAsync().AsTask(), "the retry after the drop");
        Assert.InRange(delay, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)); // a connected session reset the back-off
        clock.Advance(delay);
        await Wait.Until(() => rancher.Sessions == 2, "the second session");

        await stop.CancelAsync();
        await Wait.For(run, "the client to stop");
    }

    /// <summary>The states reported so far (the reader sees them in order; the "connected" one may still come).</summary>
    private static List<(string State, string? Reason)> Drain(Channel<(string State, string? Reason)> states)
    {
        var all = new List<(string, string?)>();
        while (states.Reader.TryRead(out var item))
        {
            all.Add(item);
        }
        return all;
    }
}
