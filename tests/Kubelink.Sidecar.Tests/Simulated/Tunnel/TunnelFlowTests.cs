using System.Net.WebSockets;
using Kubelink.Sidecar.Simulated.Tunnel;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Kubelink.Sidecar.Tests.Simulated.Tunnel;

/// <summary>
/// The agent's session against the server side of remotedialer: messages split in continuation frames, closes echoed,
/// flow control both ways, and a SyncConnections that lets the server close a connection the agent does not have.
/// </summary>
public sealed class TunnelFlowTests
{
    [Fact]
    public async Task FragmentedData_Reassembled_AndEchoedBack()
    {
        using var echo = LocalPeer.Echo();
        await using var session = await StartSessionAsync(echo.Address, TimeProvider.System);
        var server = session.Server;

        var (connId, stream) = await server.DialAsync(echo.Address);
        var payload = new byte[100_000];
        Random.Shared.NextBytes(payload);
        // One Data message of 100 kB sent as 4 KiB continuation frames, as Rancher does with large messages.
        await server.SendRawAsync(TunnelCodec.Encode(new TunnelMessage(5, connId, MessageType.Data, payload)), WebSocketMessageType.Binary, frameSize: 4096);
        var back = new byte[payload.Length];
        await Wait.For(stream.ReadExactlyAsync(back).AsTask(), "the echo through the tunnel");
        Assert.Equal(payload, back);
    }

    [Fact]
    public async Task ServerCloses_AgentClosesLocalSideAndEchoesTheError()
    {
        using var echo = LocalPeer.Echo();
        await using var session = await StartSessionAsync(echo.Address, TimeProvider.System);
        var server = session.Server;

        var (connId, stream) = await server.DialAsync(echo.Address);
        await stream.WriteAsync("hello"u8.ToArray());
        var back = new byte[5];
        await Wait.For(stream.ReadExactlyAsync(back).AsTask(), "the echo");
        await stream.DisposeAsync(); // the server closes: Error "EOF"

        Assert.Equal("EOF", await Wait.For(server.ErrorFor(connId), "the echoed Error"));
        await Wait.For(echo.ClosedByAgent, "the agent to close its local connection");
    }

    [Fact]
    public async Task ServerPause_HoldsTheAgentsWrites_UntilResume()
    {
        using var echo = LocalPeer.Echo();
        await using var session = await StartSessionAsync(echo.Address, TimeProvider.System);
        var server = session.Server;

        var (connId, stream) = await server.DialAsync(echo.Address);
        await server.SendAsync(new TunnelMessage(7, connId, MessageType.Pause, ReadOnlyMemory<byte>.Empty));
        await stream.WriteAsync("held"u8.ToArray()); // echoed locally, then held by the agent
        await Wait.Until(() => echo.Received == 4, "the local peer to get the bytes");
        await server.SendAsync(new TunnelMessage(8, connId, MessageType.Resume, ReadOnlyMemory<byte>.Empty));
        var back = new byte[4];
        await Wait.For(stream.ReadExactlyAsync(back).AsTask(), "the held bytes after Resume");
        Assert.Equal("held"u8.ToArray(), back);
    }

    [Fact]
    public async Task LocalPeerSlow_AgentPausesTheServerAboveTwoMiB_ThenResumes()
    {
        using var slow = LocalPeer.Hold();
        await using var session = await StartSessionAsync(slow.Address, TimeProvider.System);
        var server = session.Server;

        var (connId, stream) = await server.DialAsync(slow.Address);
        var chunk = new byte[32 * 1024];
        long sent = 0;
        // Writes until the agent pauses this side (the server's stream then blocks, as remotedialer's writer does).
        var writer = Task.Run(async () =>
        {
            while (sent < 16L * 1024 * 1024)
            {
                await stream.WriteAsync(chunk);
                Interlocked.Add(ref sent, chunk.Length);
            }
        });
        var pause = await Wait.For(server.FlowControl.Reader.ReadAsync().AsTask(), "Pause from the agent");
        Assert.Equal((connId, MessageType.Pause), pause);
        Assert.True(Interlocked.Read(ref sent) >= TunnelSession.PauseAbove - (64 * 1024), $"paused after {sent} bytes");
        Assert.True(Interlocked.Read(ref sent) < 16L * 1024 * 1024, "the writer is held before it sent everything");

        slow.Release();
        var resume = await Wait.For(server.FlowControl.Reader.ReadAsync().AsTask(), "Resume from the agent");
        Assert.Equal((connId, MessageType.Resume), resume);
        await Wait.For(writer, "the writer to finish after Resume", TimeSpan.FromSeconds(120));
        await Wait.Until(() => slow.Received == 16L * 1024 * 1024, "every byte to reach the local peer", TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task Sync_ListsOpenConnections_ServerClosesTheStaleOne()
    {
        using var echo = LocalPeer.Echo();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var session = await StartSessionAsync(echo.Address, clock);
        var server = session.Server;

        var stale = server.Reserve(); // the server thinks it is open; the agent never heard of it
        var (live, stream) = await server.DialAsync(echo.Address);
        await stream.WriteAsync("x"u8.ToArray());
        await Wait.For(stream.ReadExactlyAsync(new byte[1]).AsTask(), "the live connection to work");

        clock.Advance(TunnelSession.SyncInterval);
        var listed = await Wait.For(server.Syncs.Reader.ReadAsync().AsTask(), "SyncConnections");
        Assert.Equal([live], listed);
        Assert.False(server.IsOpen(stale));
        Assert.True(server.IsOpen(live));
    }

    [Fact]
    public async Task Silence_For90Seconds_EndsTheSessionAsADeadLink()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var session = await StartSessionAsync("127.0.0.1:1", clock);
        clock.Advance(TunnelSession.SyncInterval); // t = 60 s
        await Wait.For(session.Server.Syncs.Reader.ReadAsync().AsTask(), "the first sync");
        await session.Server.SendAsync(new TunnelMessage(3, 99, MessageType.Data, "x"u8.ToArray())); // traffic resets the timer:
        await Wait.For(session.Server.ErrorFor(99), "the agent to have read it"); // its answer shows it was read
        clock.Advance(TunnelSession.IdleTimeout - TimeSpan.FromSeconds(1)); // t = 149 s: past 90 s, but 89 s since traffic
        await Wait.For(session.Server.Syncs.Reader.ReadAsync().AsTask(), "the sync at 120 s (the session outlived 90 s)");
        Assert.False(session.Run.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        var e = await Assert.ThrowsAsync<IOException>(() => Wait.For(session.Run, "the silent session to end"));
        Assert.Contains("nothing arrived from the server for 90 s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Connection_PauseGatesWrites_ResumeOpensThem()
    {
        using var connection = new TunnelConnection(2);
        Assert.True(connection.WhenResumed().IsCompleted);
        connection.Pause();
        var gate = connection.WhenResumed();
        Assert.False(gate.IsCompleted);
        connection.Resume();
        Assert.True(gate.IsCompleted);
        Assert.False(connection.Buffer(1024, TunnelSession.PauseAbove));
        Assert.True(connection.Buffer((int)TunnelSession.PauseAbove, TunnelSession.PauseAbove));
        Assert.False(connection.Buffer(1024, TunnelSession.PauseAbove)); // paused once, not per message
        Assert.False(connection.Drain(1024, TunnelSession.ResumeBelow)); // still above 256 KiB
        Assert.True(connection.Drain((int)TunnelSession.PauseAbove, TunnelSession.ResumeBelow));
    }

    /// <summary>A fake Rancher and the agent's session to it, allowed to dial only <paramref name="allowed"/>.</summary>
    private static async Task<RunningSession> StartSessionAsync(string allowed, TimeProvider time)
    {
        var rancher = await FakeRemotedialer.StartAsync();
        var client = new ClientWebSocket();
        client.Options.KeepAliveInterval = TimeSpan.FromSeconds(5);
        await client.ConnectAsync(rancher.Register, CancellationToken.None);
        var stop = new CancellationTokenSource();
        var run = new TunnelSession(client, a => a == allowed, time).RunAsync(stop.Token);
        return new RunningSession(rancher, await rancher.ServerAsync(), client, stop, run);
    }

    private sealed record RunningSession(FakeRemotedialer Rancher, RemotedialerServer Server, ClientWebSocket Client, CancellationTokenSource Stop, Task Run) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Stop.CancelAsync();
            await Run.ContinueWith(_ => { }, TaskScheduler.Default);
            Client.Dispose();
            Stop.Dispose();
            await Rancher.DisposeAsync();
        }
    }
}
