using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Kubelink.Simulator.Network;

/// <summary>
/// A TCP relay in front of the simulator that behaves like a network path, not like a slow server: every chunk is held
/// for <see cref="Delay"/> in each direction (so a TCP or TLS handshake costs round trips too, unlike the simulator's
/// per-request latency), and <see cref="BlackHole"/> drops every byte both ways while connections stay open (packets
/// lost on a dead VPN route: no reset, no answer, HTTP/2 PINGs unanswered too). Loopback by default; for benchmarks and tests.
/// </summary>
public sealed class DelayRelay : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Pair, byte> _pairs = new();
    private Task _accepting = Task.CompletedTask;
    private volatile bool _blackHole;

    /// <param name="target">The simulator's endpoint.</param>
    /// <param name="delay">One-way delay per chunk.</param>
    /// <param name="listen">Where to accept: loopback by default; the bench's end of a veth link to reach it from a network namespace.</param>
    public DelayRelay(IPEndPoint target, TimeSpan delay, IPAddress? listen = null)
    {
        _target = target;
        Delay = delay;
        _listener = new TcpListener(listen ?? IPAddress.Loopback, 0);
    }

    /// <summary>One-way delay added to every chunk (a round trip costs twice this).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>
    /// While set, bytes are dropped both ways and new connections are accepted but never answered. Connections that lost
    /// bytes are closed when it is cleared (their TLS streams could not resume), as a real route coming back would leave
    /// them broken for the client to notice.
    /// </summary>
    public bool BlackHole
    {
        get => _blackHole;
        set
        {
            _blackHole = value;
            if (!value)
            {
                foreach (var pair in _pairs.Keys.Where(p => p.LostBytes))
                {
                    pair.Close();
                }
            }
        }
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The simulator's URL through the relay (on loopback its certificate names 127.0.0.1, so TLS is unchanged; elsewhere use tls-server-name localhost).</summary>
    public Uri BaseAddress => new($"https://{((IPEndPoint)_listener.LocalEndpoint).Address}:{Port}");

    public void Start()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => RelayAsync(client));
        }
    }

    /// <summary>Connections accepted so far: what tests count to see whether a client reused its connection.</summary>
    public int AcceptedConnections => Volatile.Read(ref _accepted);

    private int _accepted;

    /// <summary>Connections whose both directions have ended (the client closed, the server closed, or the relay was disposed).</summary>
    public int ClosedConnections => Volatile.Read(ref _closed);

    private int _closed;
    private readonly List<(int Count, TaskCompletionSource Reached)> _closeWaiters = [];

    /// <summary>Completes once <paramref name="count"/> connections have closed: what tests await to see that a client let go of its sockets.</summary>
    public Task UntilClosedAsync(int count)
    {
        lock (_closeWaiters)
        {
            if (ClosedConnections >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _closeWaiters.Add((count, reached));
            return reached.Task;
        }
    }

    private void Closed()
    {
        var closed = Interlocked.Increment(ref _closed);
        lock (_closeWaiters)
        {
            foreach (var waiter in _closeWaiters.Where(w => w.Count <= closed).ToList())
            {
                waiter.Reached.TrySetResult();
                _closeWaiters.Remove(waiter);
            }
        }
    }

    private async Task RelayAsync(Socket client)
    {
        Interlocked.Increment(ref _accepted);
        client.NoDelay = true;
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var pair = new Pair(client, server);
        _pairs[pair] = 0;
        try
        {
            await server.ConnectAsync(_target, _stop.Token).ConfigureAwait(false);
            // The local accept is instant; a remote TCP handshake is a round trip before the client's first bytes can leave.
            await Task.Delay(2 * Delay, _stop.Token).ConfigureAwait(false);
            await Task.WhenAll(PumpAsync(client, server, pair), PumpAsync(server, client, pair)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
        }
        finally
        {
            pair.Close();
            _pairs.TryRemove(pair, out _);
            Closed();
        }
    }

    /// <summary>Reads as it arrives and writes each chunk once its delay is over, so chunks overlap in flight as on a real link.</summary>
    private async Task PumpAsync(Socket from, Socket to, Pair pair)
    {
        var queue = Channel.CreateUnbounded<(long Due, byte[] Data)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writer = Task.Run(async () =>
        {
            await foreach (var (due, data) in queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                var wait = TimeSpan.FromTicks((due - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _stop.Token).ConfigureAwait(false);
                }

                await to.SendAsync(data, SocketFlags.None, _stop.Token).ConfigureAwait(false);
            }

            to.Shutdown(SocketShutdown.Send);
        });
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false)) > 0)
            {
                if (_blackHole)
                {
                    pair.LostBytes = true;
                    continue;
                }

                var due = Stopwatch.GetTimestamp() + (long)(Delay.TotalSeconds * Stopwatch.Frequency);
                queue.Writer.TryWrite((due, buffer[..read]));
            }
        }
        finally
        {
            queue.Writer.TryComplete();
        }

        await writer.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        foreach (var pair in _pairs.Keys)
        {
            pair.Close();
        }

        await _accepting.ConfigureAwait(false);
        _stop.Dispose();
    }

    private sealed class Pair(Socket client, Socket server)
    {
        public volatile bool LostBytes;

        public void Close()
        {
            client.Dispose();
            server.Dispose();
        }
    }
}
