using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubelink.Sidecar.Proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Simulated;

/// <summary>
/// The agent's HTTP API on loopback (plain HTTP, as the seed's <c>curl</c> uses it): <c>POST /clusters</c>,
/// <c>GET /clusters</c>, <c>GET|DELETE /clusters/{name}</c>. A web page must not be able to drive it: a non-loopback
/// <c>Host</c> (DNS rebinding) and any request carrying <c>Origin</c> (every browser POST and DELETE does; curl does not)
/// are refused, and a body must be a JSON object. With a token configured, <c>Authorization: Bearer</c> is required.
/// </summary>
internal sealed class AgentHttpApi : IAsyncDisposable
{
    private const int MaxBody = 64 * 1024;
    private readonly WebApplication _app;

    private AgentHttpApi(WebApplication app) => _app = app;

    public Uri Address => new(_app.Urls.First());

    public static async Task<AgentHttpApi> StartAsync(SimulatedAgent agent, int port, string? token, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, port);
            o.AddServerHeader = false;
            o.Limits.MaxRequestBodySize = MaxBody;
        });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var expected = token is null ? null : Encoding.UTF8.GetBytes(token);
        app.Run(context => HandleAsync(context, agent, expected));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new AgentHttpApi(app);
    }

    private static async Task HandleAsync(HttpContext context, SimulatedAgent agent, byte[]? token)
    {
        var request = context.Request;
        if (!ProxyEndpoint.IsLoopbackHost(request.Host.Host))
        {
            await ErrorAsync(context, 403, $"this agent only answers to loopback host names, not '{request.Host.Host}'").ConfigureAwait(false);
            return;
        }
        if (request.Headers.Origin.Count > 0)
        {
            await ErrorAsync(context, 403, "requests from web pages (with an Origin header) are refused").ConfigureAwait(false);
            return;
        }
        if (token is not null && !Authorized(request, token))
        {
            await ErrorAsync(context, 401, "missing or wrong token: send Authorization: Bearer <token from the agent's --token-file>").ConfigureAwait(false);
            return;
        }
        var segments = (request.Path.Value ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            switch (request.Method, segments)
            {
                case ("POST", ["clusters"]):
                    var body = await ReadBodyAsync(context).ConfigureAwait(false);
                    var options = new EndpointOptions { ReadOnly = Flag(body, "readOnly"), TenantScoped = Flag(body, "tenantScoped") };
                    var created = await agent.CreateAsync(body["name"] is JsonValue v && v.TryGetValue<string>(out var n) ? n : null, options, context.RequestAborted).ConfigureAwait(false);
                    await WriteAsync(context, 201, ClusterView.ToJson(created, agent.Options)).ConfigureAwait(false);
                    break;
                case ("GET", ["clusters"]):
                    var list = new JsonArray(agent.List().Select(c => (JsonNode)ClusterView.ToJson(c, agent.Options)).ToArray());
                    await WriteAsync(context, 200, new JsonObject { ["clusters"] = list }).ConfigureAwait(false);
                    break;
                case ("GET", ["clusters", var name]):
                    var found = agent.Get(name) ?? throw new AgentRequestException(404, $"no simulated cluster named '{name}'");
                    await WriteAsync(context, 200, ClusterView.ToJson(found, agent.Options)).ConfigureAwait(false);
                    break;
                case ("DELETE", ["clusters", var name]):
                    await agent.DeleteAsync(name).ConfigureAwait(false);
                    await WriteAsync(context, 200, new JsonObject { ["deleted"] = name }).ConfigureAwait(false);
                    break;
                case (_, ["clusters", ..]):
                    await ErrorAsync(context, 405, $"{request.Method} is not allowed here").ConfigureAwait(false);
                    break;
                default:
                    await ErrorAsync(context, 404, "not found: the API is POST /clusters, GET /clusters, GET|DELETE /clusters/{name}").ConfigureAwait(false);
                    break;
            }
        }
        catch (AgentRequestException e)
        {
            await ErrorAsync(context, e.Status, e.Message).ConfigureAwait(false);
        }
    }

    /// <summary>The body as a JSON object; anything else (form data, text, an array, over 64 KiB) is a 400 or 415.</summary>
    private static async Task<JsonObject> ReadBodyAsync(HttpContext context)
    {
        var type = context.Request.ContentType;
        // curl -d sends form-urlencoded by default; the seed's own curl sends application/json. Anything else is refused.
        if (type is not null && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            && !type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            throw new AgentRequestException(415, $"the body must be JSON, not {type}");
        }
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject
                ?? throw new AgentRequestException(400, "the body must be a JSON object, e.g. {\"name\":\"test-cluster-012\"}");
        }
        catch (JsonException e)
        {
            throw new AgentRequestException(400, $"the body is not JSON: {e.Message}");
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e)
        {
            throw new AgentRequestException(413, e.Message);
        }
    }

    private static bool Flag(JsonObject body, string name) => body[name] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    private static bool Authorized(HttpRequest request, byte[] token)
    {
        var presented = request.Headers.Authorization.ToString();
        return presented.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented["Bearer ".Length..]), token);
    }

    private static Task ErrorAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, status, new JsonObject { ["error"] = message, ["status"] = status });

    private static Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString() + "\n");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
