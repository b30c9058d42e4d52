using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Kube;

namespace Kubelink.Sidecar.Health;

/// <summary>How a heartbeat connection ended.</summary>
internal enum HeartbeatEnd
{
    /// <summary>Closed by either side (a GOAWAY, an idle timeout, a reset, a stop): not a verdict, the sentinel and the probe decide.</summary>
    Closed,

    /// <summary>Two PINGs in a row went a full <see cref="Http2Heartbeat.Deadline"/> each without a single byte from the server.</summary>
    Silent,

    /// <summary>The kernel ended the connection: bytes sent stayed unacknowledged for <c>TCP_USER_TIMEOUT</c> (Linux, decision 61).</summary>
    KernelTimeout,
}

/// <summary>
/// A connection of its own to the API server that only carries HTTP/2 PINGs (decision 63): TLS with ALPN <c>h2</c> and
/// the target's trust and client certificate, the preface, then a PING every <see cref="Period"/> on a fixed schedule.
/// Any HTTP/2 server answers PINGs in its framing layer (Go's kube-apiserver, Kestrel), so the API server does no
/// request work, and a slow server answers as fast as a quick one. A path is silent when two PINGs in a row have each
/// gone <see cref="Deadline"/> without a byte from the server, which puts the verdict 1.25–1.5 s after the path went
/// silent.
/// <para>
/// Timing never depends on the thread pool: reads block on a dedicated thread (a byte is noted the moment the kernel
/// hands it over, <see cref="ReceiveStamp"/>), and the schedule and the verdict run on another. Before a verdict the
/// socket is asked whether bytes wait unread; a late check or a late PING only delays a verdict, never makes one.
/// </para>
/// <para>
/// And no verdict while this process's thread pool is stalled (a work item queued at each PING has not run for two
/// periods): the monitor could not act on it in time anyway, and where the server shares the process (the simulator in
/// the tests) its acknowledgments wait on the same pool, so a stall there is not a silent path.
/// </para>
/// </summary>
internal sealed class Http2Heartbeat : IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly ReceiveStamp _received;
    private readonly SslStream _tls;
    private readonly Action? _acked;
    private readonly Lock _writeGate = new();
    private readonly ManualResetEventSlim _stop = new();
    private readonly TaskCompletionSource<HeartbeatEnd> _end = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _acks;
    private long _poolSeen = Stopwatch.GetTimestamp();

    private Http2Heartbeat(Socket socket, ReceiveStamp received, SslStream tls, Action? acked)
    {
        (_socket, _received, _tls, _acked) = (socket, received, tls, acked);
    }

    /// <summary>Completes once, with how the connection ended (also after <see cref="Dispose"/>: <see cref="HeartbeatEnd.Closed"/>).</summary>
    public Task<HeartbeatEnd> Completion => _end.Task;

    /// <summary>PING acknowledgments received so far.</summary>
    public long Acks => Interlocked.Read(ref _acks);

    /// <summary>
    /// Connects and starts beating; null when this target cannot have a heartbeat: the server does not negotiate
    /// <c>h2</c>, or the cluster is reached through an HTTP proxy (SocketsHttpHandler's own PINGs remain, decision 25).
    /// Throws what the connect or the handshake throws.
    /// </summary>
    public static async Task<Http2Heartbeat?> ConnectAsync(ConnectionTarget target, Action? acked, CancellationToken cancellationToken)
    {
        if (target.ProxyUrl is not null)
        {
            return null;
        }

        using var deadline = new CancellationTokenSource(ConnectTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var network = await UpstreamSockets.ConnectAsync(new DnsEndPoint(target.Server.IdnHost, target.Server.Port), linked.Token).ConfigureAwait(false);
        var received = new ReceiveStamp(network);
        var tls = new SslStream(received, leaveInnerStreamOpen: false);
        try
        {
            var options = UpstreamTls.ClientOptions(target);
            // Both, as SocketsHttpHandler offers them: a server without h2 then agrees on HTTP/1.1 (or nothing) and the
            // handshake succeeds, where offering h2 alone gets a no_application_protocol alert from Go's and .NET's TLS.
            options.ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];
            await tls.AuthenticateAsClientAsync(options, linked.Token).ConfigureAwait(false);
            if (tls.NegotiatedApplicationProtocol != SslApplicationProtocol.Http2)
            {
                await tls.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            // A server that stops reading (its buffers full) must not block the pacer's PING forever.
            network.Socket.SendTimeout = (int)(2 * Deadline).TotalMilliseconds;
            var heartbeat = new Http2Heartbeat(network.Socket, received, tls, acked);
            heartbeat.Start();
            return heartbeat;
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void Start()
    {
        Write(Http2Frames.Preface());
        Thread(ReadFrames, "kubelink-heartbeat-read");
        Thread(Pace, "kubelink-heartbeat-pace");
    }

    private static void Thread(Action body, string name) => new Thread(() => body()) { IsBackground = true, Name = name }.Start();

    /// <summary>The reader thread: answers SETTINGS and the server's own PINGs, counts acknowledgments, ends on GOAWAY, EOF or an error.</summary>
    private void ReadFrames()
    {
        var header = new byte[Http2Frames.HeaderLength];
        var payload = new byte[Http2Frames.MaxFrameLength];
        try
        {
            while (true)
            {
                _tls.ReadExactly(header);
                var (length, type, flags) = Http2Frames.ReadHeader(header);
                if (length > payload.Length)
                {
                    End(HeartbeatEnd.Closed); // a frame larger than we allow is a protocol error: leave
                    return;
                }

                _tls.ReadExactly(payload.AsSpan(0, length));
                var ack = (flags & Http2Frames.Ack) != 0;
                switch (type)
                {
                    case Http2Frames.Settings when !ack:
                        Write(Http2Frames.SettingsAck());
                        break;
                    case Http2Frames.Ping when ack:
                        Interlocked.Increment(ref _acks);
                        _acked?.Invoke();
                        break;
                    case Http2Frames.Ping when length == 8:
                        Write(Http2Frames.PingFrame(payload.AsSpan(0, 8), ack: true));
                        break;
                    case Http2Frames.GoAway:
                        End(HeartbeatEnd.Closed);
                        return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or AuthenticationException or InvalidOperationException)
        {
            End(Ended(e));
        }
    }

    /// <summary>
    /// The pacer thread: a PING every <see cref="Period"/> (due times on a fixed grid, so a slow write does not make the
    /// schedule drift; after a stall the grid restarts from now), and the verdict exactly when it falls due.
    /// </summary>
    private void Pace()
    {
        var period = Ticks(Period);
        var deadline = Ticks(Deadline);
        var unanswered = new Queue<long>(); // send times of PINGs with no byte received since
        var next = Stopwatch.GetTimestamp();
        try
        {
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                var received = _received.Last;
                while (unanswered.TryPeek(out var sent) && sent <= received)
                {
                    unanswered.Dequeue();
                }

                var verdictDue = unanswered.Count >= 2 ? unanswered.ElementAt(1) + deadline : long.MaxValue;
                if (now >= verdictDue && _socket.Available == 0 && now - Volatile.Read(ref _poolSeen) <= 2 * period)
                {
                    End(HeartbeatEnd.Silent);
                    return;
                }

                if (now >= next)
                {
                    var sent = Stopwatch.GetTimestamp();
                    Write(Http2Frames.PingFrame(sent, ack: false));
                    unanswered.Enqueue(sent);
                    next = now - next > period ? now + period : next + period;
                    verdictDue = unanswered.Count >= 2 ? Math.Min(verdictDue, unanswered.ElementAt(1) + deadline) : verdictDue;
                    ThreadPool.UnsafeQueueUserWorkItem(static beat => Volatile.Write(ref beat._poolSeen, Stopwatch.GetTimestamp()), this, preferLocal: false);
                }

                // A verdict held back (the pool is stalled) is looked at again at the next PING, not in a busy loop.
                var wait = (verdictDue > now ? Math.Min(next, verdictDue) : next) - Stopwatch.GetTimestamp();
                if (_stop.Wait(TimeSpan.FromTicks(Math.Max(0, wait) * TimeSpan.TicksPerSecond / Stopwatch.Frequency)))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            End(Ended(e));
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    /// <summary>An error ends the connection; only the kernel's ETIMEDOUT (TCP_USER_TIMEOUT) is a verdict.</summary>
    private static HeartbeatEnd Ended(Exception e) =>
        e is not ObjectDisposedException && NetworkErrors.IsSilentConnection(e) ? HeartbeatEnd.KernelTimeout : HeartbeatEnd.Closed;

    private void Write(byte[] frame)
    {
        lock (_writeGate)
        {
            _tls.Write(frame);
            _tls.Flush();
        }
    }

    private void End(HeartbeatEnd end)
    {
        _end.TrySetResult(end);
        _stop.Set();
    }

    /// <summary>Closes the connection; both threads end on their own (a blocked read fails once the socket is closed).</summary>
    public void Dispose()
    {
        End(HeartbeatEnd.Closed);
        _tls.Dispose();
    }
}
