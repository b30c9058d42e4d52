using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace Kubelink.Sidecar.Simulated.Tunnel;

/// <summary>
/// The client side of one remotedialer session over a connected WebSocket: the peer (Rancher) sends Connect for an
/// address, the session dials it if the route says so (an allow-list that may also redirect, e.g. the steve tunnel's
/// <c>not-used:80</c> to the local health answerer) and pipes bytes both ways as Data; Errors close connections and are
/// echoed; SyncConnections lists the open connIDs every <see cref="SyncInterval"/>; the peer is paused when a
/// connection's unwritten bytes pass 2 MiB. Ends when the socket closes, the peer breaks the format (a text message, a bad
/// header, a sync length not a multiple of 8), or nothing arrives for <see cref="IdleTimeout"/> (Rancher's pongs are not
/// visible to .NET, but Rancher sends a request at least every 15 s, so silence means a dead link).
/// </summary>
internal sealed class TunnelSession(WebSocket socket, Func<string, string?> route, TimeProvider time)
{
    public static readonly TimeSpan SyncInterval = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(90);
    public const long PauseAbove = 2 * 1024 * 1024;
    public const long ResumeBelow = 256 * 1024;
    private const int MaxChunk = 32 * 1024;
    private readonly ConcurrentDictionary<long, TunnelConnection> _connections = new();
    private readonly SemaphoreSlim _send = new(1, 1);
    private long _nextId = Random.Shared.NextInt64(long.MaxValue);
    private int _idle;

    /// <summary>A session whose allow-list only says yes or no (the dial goes to the address asked for).</summary>
    public TunnelSession(WebSocket socket, Func<string, bool> allowed, TimeProvider time)
        : this(socket, address => allowed(address) ? address : null, time)
    {
    }

    public IReadOnlyCollection<long> OpenConnIds => _connections.Keys.ToList();

    /// <summary>Runs until the session ends; the exception says why (a <see cref="TunnelProtocolException"/> for garbage).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sync = SyncLoopAsync(stop.Token);
        using var idle = time.CreateTimer(_ => Idle(), null, IdleTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            while (true)
            {
                var message = await ReceiveAsync(stop.Token).ConfigureAwait(false);
                if (message is null)
                {
                    return;
                }
                idle.Change(IdleTimeout, Timeout.InfiniteTimeSpan);
                await DispatchAsync(message, stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (Volatile.Read(ref _idle) == 1 && e is WebSocketException or OperationCanceledException or IOException)
        {
            throw new IOException($"nothing arrived from the server for {IdleTimeout.TotalSeconds:0} s; the link is taken as dead");
        }
        catch (WebSocketException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelling a receive aborts the socket; depending on the moment that surfaces as this instead of a cancel.
            throw new OperationCanceledException(cancellationToken);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var connection in _connections.Values)
            {
                connection.Dispose();
            }
            _connections.Clear();
            await sync.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Idle()
    {
        Volatile.Write(ref _idle, 1);
        socket.Abort();
    }

    private async Task DispatchAsync(TunnelMessage message, CancellationToken cancellationToken)
    {
        switch (message.Type)
        {
            case MessageType.Connect:
                await ConnectAsync(message.ConnId, message.PayloadText, cancellationToken).ConfigureAwait(false);
                break;
            case MessageType.Data when _connections.TryGetValue(message.ConnId, out var connection):
                await connection.Inbound.Writer.WriteAsync(message.Payload, cancellationToken).ConfigureAwait(false);
                if (connection.Buffer(message.Payload.Length, PauseAbove))
                {
                    await SendAsync(new TunnelMessage(NextId(), message.ConnId, MessageType.Pause, ReadOnlyMemory<byte>.Empty), cancellationToken).ConfigureAwait(false);
                }
                break;
            case MessageType.Data:
                await SendErrorAsync(message.ConnId, "unknown connection", cancellationToken).ConfigureAwait(false);
                break;
            case MessageType.Error when _connections.TryRemove(message.ConnId, out var closed):
                closed.Dispose();
                await SendErrorAsync(message.ConnId, message.PayloadText, cancellationToken).ConfigureAwait(false); // echoed, as the peer expects
                break;
            case MessageType.Pause when _connections.TryGetValue(message.ConnId, out var paused):
                paused.Pause();
                break;
            case MessageType.Resume when _connections.TryGetValue(message.ConnId, out var resumed):
                resumed.Resume();
                break;
            case MessageType.SyncConnections:
                TunnelCodec.DecodeConnIds(message.Payload.Span); // only validated: the server keeps the list
                break;
            default:
                break; // Errors for unknown connIDs, AddClient/RemoveClient, unknown types: ignored
        }
    }

    private async Task ConnectAsync(long connId, string target, CancellationToken cancellationToken)
    {
        var address = target.StartsWith("tcp/", StringComparison.Ordinal) ? route(target[4..]) : null;
        if (address is null)
        {
            await SendErrorAsync(connId, $"connect to {target} not allowed", cancellationToken).ConfigureAwait(false);
            return;
        }
        var connection = new TunnelConnection(connId);
        _connections[connId] = connection; // before the dial: Data during the dial is buffered
        _ = Task.Run(() => PipeAsync(connection, address, cancellationToken), CancellationToken.None);
    }

    private async Task PipeAsync(TunnelConnection connection, string address, CancellationToken cancellationToken)
    {
        var reason = TunnelMessage.Eof;
        try
        {
            var colon = address.LastIndexOf(':');
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            connection.Socket = socket;
            await socket.ConnectAsync(address[..colon].Trim('[', ']'), int.Parse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            var inbound = Task.Run(async () =>
            {
                await foreach (var chunk in connection.Inbound.Reader.ReadAllAsync(connection.Closed).ConfigureAwait(false))
                {
                    await socket.SendAsync(chunk, cancellationToken).ConfigureAwait(false);
                    if (connection.Drain(chunk.Length, ResumeBelow))
                    {
                        await SendAsync(new TunnelMessage(NextId(), connection.ConnId, MessageType.Resume, ReadOnlyMemory<byte>.Empty), cancellationToken).ConfigureAwait(false);
                    }
                }
            }, CancellationToken.None);
            var buffer = ArrayPool<byte>.Shared.Rent(MaxChunk);
            try
            {
                int read;
                while ((read = await socket.ReceiveAsync(buffer.AsMemory(0, MaxChunk), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await connection.WhenResumed().WaitAsync(cancellationToken).ConfigureAwait(false);
                    await SendAsync(new TunnelMessage(NextId(), connection.ConnId, MessageType.Data, buffer.AsMemory(0, read).ToArray()), cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            // The local side ended: closes are whole-connection in remotedialer, so the inbound pump ends with the disposal below.
            _ = inbound;
        }
        catch (Exception e) when (e is SocketException or IOException or FormatException or ArgumentException)
        {
            reason = e.Message.Length > 100 ? e.Message[..100] : e.Message;
        }
        catch (OperationCanceledException)
        {
            return; // the session or the connection ended; whoever ended it told the peer
        }
        if (_connections.TryRemove(connection.ConnId, out _))
        {
            connection.Dispose();
            await SendErrorAsync(connection.ConnId, reason, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task SyncLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(SyncInterval, time, cancellationToken).ConfigureAwait(false);
            await SendAsync(new TunnelMessage(NextId(), 0, MessageType.SyncConnections, TunnelCodec.EncodeConnIds(_connections.Keys)), cancellationToken).ConfigureAwait(false);
        }
    }

    private Task SendErrorAsync(long connId, string text, CancellationToken cancellationToken) =>
        SendAsync(new TunnelMessage(NextId(), connId, MessageType.Error, Encoding.UTF8.GetBytes(text)), cancellationToken);

    private async Task SendAsync(TunnelMessage message, CancellationToken cancellationToken)
    {
        var bytes = TunnelCodec.Encode(message);
        await _send.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>One whole message (continuation frames reassembled), or null when the peer closed.</summary>
    private async Task<TunnelMessage?> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var assembled = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            if (result.MessageType == WebSocketMessageType.Text)
            {
                throw new TunnelProtocolException("the peer sent a text message");
            }
            assembled.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return TunnelCodec.Decode(assembled.ToArray());
            }
        }
    }

    private long NextId() => Interlocked.Increment(ref _nextId);
}
