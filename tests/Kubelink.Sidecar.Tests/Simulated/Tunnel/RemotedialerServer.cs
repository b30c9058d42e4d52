using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Kubelink.Sidecar.Simulated.Tunnel;

namespace Kubelink.Sidecar.Tests.Simulated.Tunnel;

/// <summary>
/// The server side of one remotedialer session as Rancher runs it, written from the protocol facts (not from the agent's
/// code): Connect with connIDs from 2 and no ack; Data for an unknown connID gets an Error; an Error closes the connection
/// and is echoed (ignored for unknown ones); Pause/Resume from the client hold this side's writes; SyncConnections closes
/// every connection missing from the client's list; a text message, a broken header or a sync length not a multiple of 8
/// ends the session.
/// </summary>
internal sealed class RemotedialerServer(WebSocket socket)
{
    private readonly ConcurrentDictionary<long, Channel<byte[]>> _inbound = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _resumed = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<string>> _errors = new();
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _send = new(1, 1);
    private long _nextConnId = 1;

    public WebSocket Socket => socket;

    /// <summary>Why the session ended (the peer closed, or what it broke).</summary>
    public Task<string> Ended => _ended.Task;

    /// <summary>Every SyncConnections list received, in order.</summary>
    public Channel<IReadOnlyList<long>> Syncs { get; } = Channel.CreateUnbounded<IReadOnlyList<long>>();

    /// <summary>Pause and Resume received, with their connID.</summary>
    public Channel<(long ConnId, MessageType Type)> FlowControl { get; } = Channel.CreateUnbounded<(long, MessageType)>();

    public bool IsOpen(long connId) => _inbound.ContainsKey(connId);

    /// <summary>Registers a connID without sending Connect: a connection the client never heard of (a stale one).</summary>
    public long Reserve()
    {
        var connId = Interlocked.Increment(ref _nextConnId);
        _inbound[connId] = Channel.CreateUnbounded<byte[]>();
        return connId;
    }

    /// <summary>Sends Connect and returns the connection's stream (no ack in the protocol: usable at once).</summary>
    public async Task<(long ConnId, Stream Stream)> DialAsync(string address)
    {
        var connId = Reserve();
        await SendAsync(new TunnelMessage(connId, connId, MessageType.Connect, Encoding.ASCII.GetBytes($"tcp/{address}")));
        return (connId, new TunnelStream(this, connId));
    }

    /// <summary>The Error the client sent for a connID (its text), known or not.</summary>
    public Task<string> ErrorFor(long connId) => _errors.GetOrAdd(connId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public Task SendAsync(TunnelMessage message) => SendRawAsync(TunnelCodec.Encode(message), WebSocketMessageType.Binary);

    public async Task SendRawAsync(byte[] bytes, WebSocketMessageType type, int frameSize = int.MaxValue)
    {
        await _send.WaitAsync();
        try
        {
            var offset = 0;
            do
            {
                var count = Math.Min(frameSize, bytes.Length - offset);
                await socket.SendAsync(bytes.AsMemory(offset, count), type, offset + count >= bytes.Length, CancellationToken.None);
                offset += count;
            }
            while (offset < bytes.Length);
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>Reads until the session ends; <see cref="Ended"/> says why.</summary>
    public async Task RunAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    End("the client closed the session");
                    return;
                }
                if (result.MessageType == WebSocketMessageType.Text)
                {
                    socket.Abort(); // as Rancher: a text message kills the session
                    End("the client sent a text message");
                    return;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue; // continuation frames: one message is reassembled before it is read
                }
                var decoded = TunnelCodec.Decode(message.ToArray());
                message.SetLength(0);
                await DispatchAsync(decoded);
            }
        }
        catch (Exception e) when (e is WebSocketException or TunnelProtocolException or OperationCanceledException)
        {
            socket.Abort();
            End(e.Message);
        }
    }

    private async Task DispatchAsync(TunnelMessage message)
    {
        switch (message.Type)
        {
            case MessageType.Data when _inbound.TryGetValue(message.ConnId, out var channel):
                channel.Writer.TryWrite(message.Payload.ToArray());
                break;
            case MessageType.Data:
                await SendAsync(new TunnelMessage(1, message.ConnId, MessageType.Error, "connection not found"u8.ToArray()));
                break;
            case MessageType.Error:
                var known = Close(message.ConnId);
                _errors.GetOrAdd(message.ConnId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(message.PayloadText);
                if (known)
                {
                    await SendAsync(new TunnelMessage(1, message.ConnId, MessageType.Error, message.Payload));
                }
                break;
            case MessageType.Pause:
                _resumed.AddOrUpdate(message.ConnId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously), (_, old) => old.Task.IsCompleted ? new(TaskCreationOptions.RunContinuationsAsynchronously) : old);
                FlowControl.Writer.TryWrite((message.ConnId, message.Type));
                break;
            case MessageType.Resume:
                if (_resumed.TryGetValue(message.ConnId, out var paused))
                {
                    paused.TrySetResult();
                }
                FlowControl.Writer.TryWrite((message.ConnId, message.Type));
                break;
            case MessageType.SyncConnections:
                var open = TunnelCodec.DecodeConnIds(message.Payload.Span);
                foreach (var stale in _inbound.Keys.Except(open))
                {
                    Close(stale);
                }
                Syncs.Writer.TryWrite(open);
                break;
            default:
                break;
        }
    }

    private bool Close(long connId)
    {
        if (!_inbound.TryRemove(connId, out var channel))
        {
            return false;
        }
        channel.Writer.TryComplete();
        return true;
    }

    private void End(string reason)
    {
        foreach (var connId in _inbound.Keys)
        {
            Close(connId);
        }
        _ended.TrySetResult(reason);
    }

    /// <summary>One tunnelled connection as a stream: writes become Data (held while the client paused it), reads drain Data.</summary>
    private sealed class TunnelStream(RemotedialerServer server, long connId) : Stream
    {
        private ReadOnlyMemory<byte> _pending;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_pending.IsEmpty)
            {
                if (!server._inbound.TryGetValue(connId, out var channel) || !await channel.Reader.WaitToReadAsync(cancellationToken) || !channel.Reader.TryRead(out var next))
                {
                    return 0;
                }
                _pending = next;
            }
            var count = Math.Min(buffer.Length, _pending.Length);
            _pending[..count].CopyTo(buffer);
            _pending = _pending[count..];
            return count;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (server._resumed.TryGetValue(connId, out var resumed))
            {
                await resumed.Task.WaitAsync(cancellationToken);
            }
            await server.SendAsync(new TunnelMessage(1, connId, MessageType.Data, buffer.ToArray()));
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && server.Close(connId))
            {
                _ = server.SendAsync(new TunnelMessage(1, connId, MessageType.Error, "EOF"u8.ToArray())); // Rancher closes what it dialed
            }
            base.Dispose(disposing);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();
    }
}
