using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Kubelink.Simulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kubelink.Simulator.Faults;

/// <summary>
/// Plain-HTTP control port on 127.0.0.1 for benchmarks and scripts to drive faults. It is separate from the
/// API port so it keeps answering while the API refuses connections or black-holes requests. Every call
/// needs <c>Authorization: Bearer TOKEN</c>. See docs/simulator.md for the routes.
/// </summary>
internal sealed class AdminEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AdminEndpoint(WebApplication app, Uri address, string token)
    {
        _app = app;
        Address = address;
        Token = token;
    }

    public Uri Address { get; }

    public string Token { get; }

    public static async Task<AdminEndpoint> StartAsync(SimulatorServer server, int port, CancellationToken cancellationToken)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Run(context => HandleAsync(context, server, token));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AdminEndpoint(app, new Uri(address), token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task HandleAsync(HttpContext context, SimulatorServer server, string token)
    {
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + token)
        {
            await Responses.Json(context, 401, StatusObject.Failure(401, "Unauthorized", "Unauthorized"));
            return;
        }
        var query = context.Request.Query;
        var faults = server.Faults;
        var path = context.Request.Path.Value?.TrimEnd('/') ?? "";
        if (context.Request.Method == "GET" && path == "/status")
        {
            await Responses.Json(context, 200, Status(server));
            return;
        }
        if (context.Request.Method != "POST")
        {
            await Responses.Json(context, 405, StatusObject.Failure(405, "MethodNotAllowed", "use POST"));
            return;
        }
        switch (path)
        {
            case "/faults/latency":
                faults.Latency = TimeSpan.FromMilliseconds(int.TryParse(query["ms"], out var ms) ? ms : 0);
                break;
            case "/faults/drop":
                faults.DropConnections();
                break;
            case "/faults/drop-new":
                faults.DropNewConnections = ApiRequest.IsTrue(query["enabled"]);
                break;
            case "/faults/refuse":
                await faults.RefuseConnectionsAsync();
                break;
            case "/faults/accept":
                await faults.AcceptConnectionsAsync(context.RequestAborted);
                break;
            case "/faults/error":
                var status = int.TryParse(query["status"], out var s) ? s : 503;
                var count = long.TryParse(query["count"], out var c) ? c : long.MaxValue;
                faults.FailRequests(status, status == 0 ? 0 : count);
                break;
            case "/faults/blackhole":
                faults.BlackHole = ApiRequest.IsTrue(query["enabled"]);
                break;
            case "/faults/expire-user":
                faults.ExpireUser(query["user"].ToString());
                break;
            case "/faults/restore-user":
                faults.RestoreUser(query["user"].ToString());
                break;
            case "/faults/revoke-binding":
                var ns = query["namespace"].ToString();
                if (!faults.RevokeBinding(ns.Length == 0 ? null : ns, query["name"].ToString()))
                {
                    await Responses.Json(context, 404, StatusObject.Failure(404, "NotFound", "no such binding"));
                    return;
                }
                break;
            case "/faults/reset":
                faults.Reset();
                await faults.AcceptConnectionsAsync(context.RequestAborted);
                break;
            case "/restart":
                await server.RestartAsync(context.RequestAborted);
                break;
            case "/state/save":
                await server.SaveStateAsync();
                break;
            default:
                await Responses.Json(context, 404, StatusObject.Failure(404, "NotFound", $"unknown admin path {path}"));
                return;
        }
        await Responses.Json(context, 200, Status(server));
    }

    private static JsonObject Status(SimulatorServer server) => new()
    {
        ["server"] = server.Port > 0 ? server.BaseAddress.ToString().TrimEnd('/') : null,
        ["listening"] = server.IsListening,
        ["resourceVersion"] = server.Store.ResourceVersion,
        ["openConnections"] = server.Connections.OpenCount,
        ["faults"] = new JsonObject
        {
            ["latencyMs"] = (long)server.Faults.Latency.TotalMilliseconds,
            ["blackHole"] = server.Faults.BlackHole,
            ["dropNewConnections"] = server.Faults.DropNewConnections,
        },
    };
}
