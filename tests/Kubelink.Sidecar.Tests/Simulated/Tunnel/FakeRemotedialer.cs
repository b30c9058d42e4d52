using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Kubelink.Sidecar.Simulated.Tunnel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Tests.Simulated.Tunnel;

/// <summary>
/// The server side of remotedialer as Rancher runs it, written from the protocol facts: accepts the agent's WebSocket on
/// <c>/v3/connect/register</c>, sends Connect with connIDs from 2, and gives each dialed connection back as a stream.
/// </summary>
internal sealed class FakeRemotedialer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource<WebSocket> _session = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<long, Channel<byte[]>> _inbound = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<string>> _errors = new();
    private readonly SemaphoreSlim _send = new(1, 1);
    private long _nextConnId = 1;

    private FakeRemotedialer(WebApplication app) => _app = app;

    public Uri Register => new(_app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal) + "/v3/connect/register");

    /// <summary>Every header the agent sent with its upgrade request.</summary>
    public ConcurrentDictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<FakeRemotedialer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeRemotedialer? server = null;
        app.UseWebSockets();
        app.Map("/v3/connect/register", async (HttpContext context) =>
        {
            if (server!.Refuse)
            {
                context.Response.StatusCode = 401; // Rancher: not authenticated
                return;
            }
            foreach (var (key, value) in context.Request.Headers)
            {
                server!.Headers[key] = value.ToString();
            }
            var socket = await context.WebSockets.AcceptWebSocketAsync();
            Interlocked.Increment(ref server._sessionCount);
            server!._session.TrySetResult(socket);
            await server.ReadLoopAsync(socket);
        });
        await app.StartAsync();
        server = new FakeRemotedialer(app);
        return server;
    }

    public Task Ended => _ended.Task;

    /// <summary>Answer upgrades with 401, as Rancher does for a wrong or revoked token.</summary>
    public bool Refuse { get; set; }

    /// <summary>How many sessions were accepted.</summary>
    public int Sessions => _sessionCount;

    private int _sessionCount;

    public async Task<WebSocket> SessionAsync() => await _session.Task.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Sends Connect and returns the connection's stream (no ack in the protocol: usable at once).</summary>
    public async Task<(long ConnId, Stream Stream)> DialAsync(string address)
    {
        var connId = Interlocked.Increment(ref _nextConnId);
        _inbound[connId] = Channel.CreateUnbounded<byte[]>();
        _errors[connId] = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await SendAsync(new TunnelMessage(connId, connId, MessageType.Connect, Encoding.ASCII.GetBytes($"tcp/{address}")));
        return (connId, new TunnelStream(this, connId));
    }

    /// <summary>The Error the agent sent for a connID (its text).</summary>
    public Task<string> ErrorFor(long connId) => _errors.GetOrAdd(connId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public async Task SendAsync(TunnelMessage message) => await SendRawAsync(TunnelCodec.Encode(message), WebSocketMessageType.Binary);

    public async Task SendRawAsync(byte[] bytes, WebSocketMessageType type)
    {
        var socket = await SessionAsync();
        await _send.WaitAsync();
        try
        {
            await socket.SendAsync(bytes, type, true, CancellationToken.None);
        }
        finally
        {
            _send.Release();
        }
    }

    private async Task ReadLoopAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            using var message = new MemoryStream();
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }
                var decoded = TunnelCodec.Decode(message.ToArray());
                message.SetLength(0);
                if (decoded.Type == MessageType.Data && _inbound.TryGetValue(decoded.ConnId, out var channel))
                {
                    channel.Writer.TryWrite(decoded.Payload.ToArray());
                }
                else if (decoded.Type == MessageType.Error)
                {
                    _inbound.TryRemove(decoded.ConnId, out var closed);
                    closed?.Writer.TryComplete();
                    _errors.GetOrAdd(decoded.ConnId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(decoded.PayloadText);
                }
            }
        }
        catch (WebSocketException)
        {
            // the agent went away
        }
        finally
        {
            _ended.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>One tunnelled connection as a stream: writes become Data messages, reads drain the Data received.</summary>
    private sealed class TunnelStream(FakeRemotedialer server, long connId) : Stream
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

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            await server.SendAsync(new TunnelMessage(1, connId, MessageType.Data, buffer.ToArray()));

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
