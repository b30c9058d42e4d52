using System.Text;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Transport;
using Kubelink.Sidecar.GraphQL.Execution;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Sidecar.GraphQL.Gateway;

/// <summary>
/// <c>/{path}/graphql</c> over HTTP: POST JSON, GET <c>?query=</c>, SSE (<c>Accept: text/event-stream</c>: <c>event: next</c>
/// frames, then <c>event: complete</c>), the GraphiQL page for a browser, and the graphql-transport-ws upgrade. A request
/// without a bearer token gets 401: the gateway has no identity of its own to fall back on.
/// </summary>
internal static class GraphQLHttp
{
    public static readonly GraphQLSerializer Serializer = new();

    // acceptToken: when set, only tokens it accepts may open a WebSocket (the editor's endpoint: the proxy token).
    public static async Task HandleAsync(HttpContext context, ClusterEndpoint endpoint, TimeProvider time, Func<string?, bool>? acceptToken = null)
    {
        if (context.WebSockets.IsWebSocketRequest)
        {
            await GraphQLWebSocket.RunAsync(context, endpoint, time, acceptToken).ConfigureAwait(false);
            return;
        }
        if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Query.ContainsKey("query") && Accepts(context, "text/html"))
        {
            await GraphiQLPage.WriteAsync(context, context.Request.Path.Value ?? "/graphql").ConfigureAwait(false);
            return;
        }
        var token = BearerToken.From(context);
        if (token is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await WriteErrorAsync(context, StatusCodes.Status401Unauthorized,
                "No bearer token: send 'Authorization: Bearer <token>'; the query runs with that token's rights on the cluster.").ConfigureAwait(false);
            return;
        }
        GraphQLRequest? request;
        try
        {
            request = HttpMethods.IsPost(context.Request.Method)
                ? await Serializer.ReadAsync<GraphQLRequest>(context.Request.Body, context.RequestAborted).ConfigureAwait(false)
                : FromQueryString(context.Request.Query);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, $"The request body is not a GraphQL request: {e.Message}").ConfigureAwait(false);
            return;
        }
        if (request?.Query is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "The request has no query.").ConfigureAwait(false);
            return;
        }
        var result = await GraphQLExecutor.ExecuteAsync(endpoint.Schema, request, new GatewayRequest(endpoint.ApiFor(token), time), context.RequestAborted).ConfigureAwait(false);
        if (Accepts(context, "text/event-stream"))
        {
            await WriteEventStreamAsync(context, result).ConfigureAwait(false);
            return;
        }
        if (result.Streams is { Count: > 0 })
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest,
                "A subscription needs a stream: POST with 'Accept: text/event-stream', or a WebSocket (graphql-transport-ws).").ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = result.Executed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json; charset=utf-8";
        await Serializer.WriteAsync(context.Response.Body, result, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteEventStreamAsync(HttpContext context, ExecutionResult result)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            if (result.Streams is { Count: > 0 } streams)
            {
                await foreach (var item in ResultStream.ReadAsync(streams.Values.First(), context.RequestAborted).ConfigureAwait(false))
                {
                    await WriteEventAsync(context, "next", Serializer.Serialize(item)).ConfigureAwait(false);
                }
            }
            else
            {
                await WriteEventAsync(context, "next", Serializer.Serialize(result)).ConfigureAwait(false);
            }
            await WriteEventAsync(context, "complete", "").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // the client closed the stream: that is how an SSE subscription ends
        }
    }

    private static async Task WriteEventAsync(HttpContext context, string name, string data)
    {
        await context.Response.WriteAsync($"event: {name}\ndata: {data}\n\n", Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static GraphQLRequest FromQueryString(IQueryCollection query) => new()
    {
        Query = query["query"].ToString(),
        OperationName = query.TryGetValue("operationName", out var name) && name.ToString().Length > 0 ? name.ToString() : null,
        Variables = query.TryGetValue("variables", out var variables) && variables.ToString().Length > 0 ? Serializer.Deserialize<Inputs>(variables.ToString()) : null,
    };

    private static bool Accepts(HttpContext context, string mediaType) =>
        context.Request.Headers.Accept.ToString().Contains(mediaType, StringComparison.OrdinalIgnoreCase);

    public static async Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await Serializer.WriteAsync(context.Response.Body, new ExecutionResult { Errors = [new ExecutionError(message)] }, context.RequestAborted).ConfigureAwait(false);
    }
}
