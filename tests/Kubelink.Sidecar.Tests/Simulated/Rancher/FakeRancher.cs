using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Kubelink.Sidecar.Simulated.Rancher;
using Kubelink.Sidecar.Tests.Simulated.Tunnel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Tests.Simulated.Rancher;

/// <summary>
/// Rancher as far as an import needs it (no Rancher is reachable here): the v3 endpoints the agent calls (clusters,
/// cluster registration tokens, the import YAML) behind a bearer API key, and the tunnel endpoints
/// (<c>/v3/connect/register</c>, <c>/v3/connect</c>) that authorise before upgrading (a bad tunnel token → 401, bad
/// params → 400 with the text) and run the server side of remotedialer (<see cref="RemotedialerServer"/>).
/// </summary>
internal sealed class FakeRancher : IAsyncDisposable
{
    public const string ApiKey = "token-fake1:s3cr3t";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeRancherCluster> _clusters = new(StringComparer.Ordinal);
    private int _nextId;

    private FakeRancher(WebApplication app) => _app = app;

    public Uri Url => new(_app.Urls.First() + "/");

    /// <summary>Settings for the agent; <paramref name="token"/> other than <see cref="ApiKey"/> gets 401s.</summary>
    public RancherSettings Settings(string token = ApiKey) => RancherSettings.Parse(Url.ToString(), token);

    /// <summary>Serve a broken import YAML.</summary>
    public bool BrokenYaml { get; set; }

    /// <summary>Answer the import YAML with 500 (a Rancher in trouble).</summary>
    public bool ImportFails { get; set; }

    /// <summary>Answer every v3 API call with 404, as a wrong URL or a proxy in front of something else would.</summary>
    public bool AllNotFound { get; set; }

    /// <summary>Answer every tunnel upgrade with 401 (Rancher restarting behind a load balancer, a revoked token).</summary>
    public bool RefuseTunnels { get; set; }

    /// <summary>Raised when a cluster's tunnel session starts (cluster, "cluster-agent" or "stv-cluster").</summary>
    public event Action<FakeRancherCluster, string>? SessionStarted;

    /// <summary>Starts on a loopback port: plain http, or https with <paramref name="certificate"/> (a Rancher with a private CA).</summary>
    public static async Task<FakeRancher> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeRancher? rancher = null;
        app.UseWebSockets();
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "";
            var open = path.StartsWith("/v3/import/", StringComparison.Ordinal) || path.StartsWith("/v3/connect", StringComparison.Ordinal);
            if (rancher!.AllNotFound && !path.StartsWith("/v3/connect", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync("404 page not found");
                return;
            }
            if (!open && context.Request.Headers.Authorization.ToString() != $"Bearer {ApiKey}")
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsJsonAsync(new JsonObject { ["type"] = "error", ["status"] = "401", ["code"] = "Unauthorized", ["message"] = "must authenticate" });
                return;
            }
            await next(context);
        });
        app.MapGet("/v3/clusters", (string? name, string? id) => new JsonObject { ["data"] = new JsonArray(rancher!.Live.Where(c => (name is null || c.Name == name) && (id is null || c.Id == id)).Select(View).ToArray()) });
        app.MapGet("/v3/clusters/{id}", (string id) => rancher!.Find(id) is { } c ? Results.Json(View(c)) : Results.NotFound(new JsonObject { ["type"] = "error", ["status"] = "404" }));
        app.MapDelete("/v3/clusters/{id}", (string id) =>
        {
            if (rancher!.Find(id) is not { } c)
            {
                return Results.NotFound();
            }
            rancher.Delete(c);
            return Results.Ok(View(c));
        });
        app.MapPost("/v3/clusters", async (HttpContext context) =>
        {
            var body = await context.Request.ReadFromJsonAsync<JsonObject>();
            var id = $"c-{Interlocked.Increment(ref rancher!._nextId):00000}";
            var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            var cluster = rancher._clusters[id] = new FakeRancherCluster(id, body!["name"]!.ToString(), token);
            return Results.Json(View(cluster), statusCode: 201);
        });
        app.MapGet("/v3/clusterregistrationtokens", (string clusterId) => new JsonObject
        {
            ["data"] = rancher!.Find(clusterId) is { } c ? new JsonArray(new JsonObject { ["id"] = $"{c.Id}:default-token", ["clusterId"] = c.Id, ["token"] = c.RegistrationToken }) : new JsonArray(),
        });
        app.MapGet("/v3/import/{file}", (string file) =>
        {
            var (token, id) = (file.Split('_')[0], file.Split('_').ElementAtOrDefault(1)?.Replace(".yaml", "", StringComparison.Ordinal));
            if (rancher!.ImportFails)
            {
                return Results.Text("boom", statusCode: 500);
            }
            return rancher.Find(id ?? "") is { } c && c.RegistrationToken == token
                ? Results.Text(rancher.BrokenYaml ? FakeImportYaml.Broken : FakeImportYaml.For(rancher.Url.ToString().TrimEnd('/'), token), "application/yaml")
                : Results.NotFound();
        });
        app.Map("/v3/connect/register", context => rancher!.ConnectAsync(context));
        app.Map("/v3/connect", context => rancher!.ConnectAsync(context));
        await app.StartAsync();
        rancher = new FakeRancher(app);
        return rancher;
    }

    public IEnumerable<FakeRancherCluster> Live => _clusters.Values.Where(c => !c.Deleted);

    public FakeRancherCluster? Find(string id) => _clusters.TryGetValue(id, out var c) && !c.Deleted ? c : null;

    public FakeRancherCluster? Named(string name) => Live.FirstOrDefault(c => c.Name == name);

    /// <summary>Deletes on the Rancher side (as a user in Rancher's UI): the cluster's tunnels are cut.</summary>
    public void Delete(FakeRancherCluster cluster)
    {
        cluster.Deleted = true;
        cluster.Agent?.Socket.Abort();
        cluster.Steve?.Socket.Abort();
    }

    private static JsonObject View(FakeRancherCluster c) => new() { ["id"] = c.Id, ["type"] = "cluster", ["name"] = c.Name, ["state"] = c.Agent is null ? "pending" : "active" };

    /// <summary>The tunnel handler: authorise (steve by its bearer token, the agent by its tunnel headers), then upgrade.</summary>
    private async Task ConnectAsync(HttpContext context)
    {
        var bearer = context.Request.Headers.Authorization.ToString();
        var steve = bearer.StartsWith("Bearer stv-cluster-", StringComparison.Ordinal);
        var token = steve ? bearer["Bearer stv-cluster-".Length..] : context.Request.Headers["X-API-Tunnel-Token"].ToString();
        var cluster = Live.FirstOrDefault(c => c.RegistrationToken == token);
        if (RefuseTunnels || cluster is null || !context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("unauthorized");
            return;
        }
        if (!steve)
        {
            try
            {
                cluster.Params = TunnelParams.Parse(context.Request.Headers["X-API-Tunnel-Params"]);
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
            {
                context.Response.StatusCode = 400; // an authoriser error
                await context.Response.WriteAsync(e.Message);
                return;
            }
            lock (cluster.AgentPaths)
            {
                cluster.AgentPaths.Add(context.Request.Path.Value!);
            }
        }
        var session = new RemotedialerServer(await context.WebSockets.AcceptWebSocketAsync());
        if (steve)
        {
            cluster.Steve = session;
        }
        else
        {
            cluster.Agent = session;
        }
        var run = session.RunAsync();
        SessionStarted?.Invoke(cluster, steve ? RancherTunnels.SteveTunnel : RancherTunnels.ClusterTunnel);
        // As Rancher does once a session is up: check the cluster through it.
        _ = steve ? cluster.CheckAsync("ping", cluster.PingAsync) : cluster.CheckAsync("readyz", cluster.ReadyzAsync);
        await run;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cluster in _clusters.Values)
        {
            cluster.Agent?.Socket.Abort();
            cluster.Steve?.Socket.Abort();
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
