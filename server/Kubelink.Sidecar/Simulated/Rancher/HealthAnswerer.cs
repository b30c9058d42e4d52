using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Simulated.Rancher;

/// <summary>
/// What Rancher's steve tunnel reaches: <c>GET /ping</c> answers 200 <c>pong</c> while the agent runs (Rancher needs it to
/// call the cluster Connected), anything else 404. Plain HTTP on a loopback port, shared by every cluster, only reachable
/// from outside through a tunnel's allow-list.
/// </summary>
internal sealed class HealthAnswerer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HealthAnswerer(WebApplication app) => _app = app;

    /// <summary><c>127.0.0.1:port</c>, what the steve tunnel dials instead of <c>not-used:80</c>.</summary>
    public string Address => $"127.0.0.1:{new Uri(_app.Urls.First()).Port}";

    public static async Task<HealthAnswerer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.AddServerHeader = false;
        });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async context =>
        {
            if (context.Request.Path == "/ping" && HttpMethods.IsGet(context.Request.Method))
            {
                await context.Response.WriteAsync("pong", context.RequestAborted).ConfigureAwait(false);
                return;
            }
            context.Response.StatusCode = 404;
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new HealthAnswerer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
