using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using Kubelink.Sidecar.Simulated.Tunnel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Tests.Simulated.Tunnel;

/// <summary>
/// A bare remotedialer endpoint (no v3 API): accepts the agent's WebSocket on <c>/v3/connect/register</c> and runs a
/// <see cref="RemotedialerServer"/> session on it; the tunnel tests drive that session directly.
/// </summary>
internal sealed class FakeRemotedialer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private TaskCompletionSource<RemotedialerServer> _session = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sessionCount;

    private FakeRemotedialer(WebApplication app) => _app = app;

    public Uri Register => new(_app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal) + "/v3/connect/register");

    /// <summary>Every header the agent sent with its upgrade request.</summary>
    public ConcurrentDictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Answer upgrades with 401, as Rancher does for a wrong or revoked token.</summary>
    public bool Refuse { get; set; }

    /// <summary>How many sessions were accepted.</summary>
    public int Sessions => _sessionCount;

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
                server.Headers[key] = value.ToString();
            }
            var session = new RemotedialerServer(await context.WebSockets.AcceptWebSocketAsync());
            Interlocked.Increment(ref server._sessionCount);
            var previous = server._session;
            if (!previous.TrySetResult(session))
            {
                server._session = new TaskCompletionSource<RemotedialerServer>(TaskCreationOptions.RunContinuationsAsynchronously);
                server._session.TrySetResult(session);
            }
            await session.RunAsync();
        });
        await app.StartAsync();
        server = new FakeRemotedialer(app);
        return server;
    }

    /// <summary>The latest session.</summary>
    public async Task<RemotedialerServer> ServerAsync() => await _session.Task.WaitAsync(TimeSpan.FromSeconds(30));

    public async Task<WebSocket> SessionAsync() => (await ServerAsync()).Socket;

    public async Task<(long ConnId, Stream Stream)> DialAsync(string address) => await (await ServerAsync()).DialAsync(address);

    public async Task<string> ErrorFor(long connId) => await (await ServerAsync()).ErrorFor(connId);

    public async Task SendAsync(TunnelMessage message) => await (await ServerAsync()).SendAsync(message);

    public async Task SendRawAsync(byte[] bytes, WebSocketMessageType type) => await (await ServerAsync()).SendRawAsync(bytes, type);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
