using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using GraphQL.Transport;
using Kubelink.Sidecar.GraphQL.Execution;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Sidecar.GraphQL.Gateway;

/// <summary>
/// The graphql-transport-ws protocol (the one the npm <c>graphql-ws</c> client and GraphiQL speak): <c>connection_init</c> →
/// <c>connection_ack</c>, <c>subscribe</c> → <c>next</c>… <c>complete</c> or <c>error</c>, <c>ping</c>/<c>pong</c>, and the protocol's
/// close codes. A browser cannot set headers on a WebSocket, so the bearer token may also come in the init payload
/// (<c>{"Authorization": "Bearer …"}</c>); without one the socket closes with 4403.
/// </summary>
internal sealed class GraphQLWebSocket : IAsyncDisposable
{
    public const string Subprotocol = "graphql-transport-ws";
    public static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(10);

    private readonly WebSocket _socket;
    private readonly ClusterEndpoint _endpoint;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _operations = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closing = new();
    private readonly Func<string?, bool>? _acceptToken;
    private string? _token;
    private bool _acknowledged;

    private GraphQLWebSocket(WebSocket socket, ClusterEndpoint endpoint, TimeProvider time, string? headerToken, Func<string?, bool>? acceptToken)
    {
        _acceptToken = acceptToken;
        _socket = socket;
        _endpoint = endpoint;
        _time = time;
        _token = headerToken;
    }

    public static async Task RunAsync(HttpContext context, ClusterEndpoint endpoint, TimeProvider time, Func<string?, bool>? acceptToken)
    {
        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(Subprotocol))
        {
            await GraphQLHttp.WriteErrorAsync(context, StatusCodes.Status400BadRequest, $"WebSocket subscriptions speak the '{Subprotocol}' subprotocol; request it.").ConfigureAwait(false);
            return;
        }
        var socket = await context.WebSockets.AcceptWebSocketAsync(Subprotocol).ConfigureAwait(false);
        await using var session = new GraphQLWebSocket(socket, endpoint, time, BearerToken.From(context), acceptToken);
        await session.ReceiveLoopAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private async Task ReceiveLoopAsync(CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _closing.Token);
        _ = CloseUnlessInitializedAsync(linked.Token);
        var buffer = new byte[64 * 1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult received;
                do
                {
                    received = await _socket.ReceiveAsync(buffer, linked.Token).ConfigureAwait(false);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }
                    message.Write(buffer, 0, received.Count);
                }
                while (!received.EndOfMessage);
                await HandleAsync(Encoding.UTF8.GetString(message.ToArray())).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // the peer went away or we closed the socket: every operation ends in DisposeAsync
        }
    }

    private async Task HandleAsync(string text)
    {
        JsonObject? message;
        try
        {
            message = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            message = null;
        }
        switch (message?["type"]?.ToString())
        {
            case "connection_init":
                if (_acknowledged)
                {
                    await CloseAsync(4429, "Too many initialisation requests").ConfigureAwait(false);
                    return;
                }
                _token = TokenFrom(message["payload"] as JsonObject) ?? _token;
                if (_token is null || (_acceptToken is not null && !_acceptToken(_token)))
                {
                    await CloseAsync(4403, "Forbidden: no bearer token in the headers or the connection_init payload").ConfigureAwait(false);
                    return;
                }
                _acknowledged = true;
                await SendAsync(new JsonObject { ["type"] = "connection_ack" }).ConfigureAwait(false);
                return;
            case "ping":
                await SendAsync(new JsonObject { ["type"] = "pong" }).ConfigureAwait(false);
                return;
            case "pong":
                return;
            case "subscribe":
                await SubscribeAsync(message).ConfigureAwait(false);
                return;
            case "complete":
                if (message["id"]?.ToString() is { } id && _operations.TryRemove(id, out var operation))
                {
                    await operation.CancelAsync().ConfigureAwait(false);
                }
                return;
            default:
                await CloseAsync(4400, "Invalid message: expected a JSON object with a known 'type'").ConfigureAwait(false);
                return;
        }
    }

    private async Task SubscribeAsync(JsonObject message)
    {
        if (!_acknowledged)
        {
            await CloseAsync(4401, "Unauthorized: subscribe before connection_ack").ConfigureAwait(false);
            return;
        }
        if (message["id"]?.ToString() is not { Length: > 0 } id || message["payload"] is not JsonObject payload)
        {
            await CloseAsync(4400, "Invalid message: subscribe needs an id and a payload").ConfigureAwait(false);
            return;
        }
        var operation = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        if (!_operations.TryAdd(id, operation))
        {
            operation.Dispose();
            await CloseAsync(4409, $"Subscriber for {id} already exists").ConfigureAwait(false);
            return;
        }
        var request = GraphQLHttp.Serializer.Deserialize<GraphQLRequest>(payload.ToJsonString());
        _ = Task.Run(() => RunOperationAsync(id, request!, operation));
    }

    private async Task RunOperationAsync(string id, GraphQLRequest request, CancellationTokenSource operation)
    {
        try
        {
            var result = await GraphQLExecutor.ExecuteAsync(_endpoint.Schema, request, new GatewayRequest(_endpoint.ApiFor(_token), _time), operation.Token).ConfigureAwait(false);
            if (!result.Executed)
            {
                var errors = JsonNode.Parse(GraphQLHttp.Serializer.Serialize(result))?["errors"]?.DeepClone();
                await SendAsync(new JsonObject { ["id"] = id, ["type"] = "error", ["payload"] = errors }).ConfigureAwait(false);
                return;
            }
            if (result.Streams is { Count: > 0 } streams)
            {
                await foreach (var item in ResultStream.ReadAsync(streams.Values.First(), operation.Token).ConfigureAwait(false))
                {
                    await SendNextAsync(id, item).ConfigureAwait(false);
                }
            }
            else
            {
                await SendNextAsync(id, result).ConfigureAwait(false);
            }
            await SendAsync(new JsonObject { ["id"] = id, ["type"] = "complete" }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // completed by the client, or the socket closed: nothing more to send
        }
        finally
        {
            _operations.TryRemove(KeyValuePair.Create(id, operation));
            operation.Dispose();
        }
    }

    private Task SendNextAsync(string id, global::GraphQL.ExecutionResult result) =>
        SendAsync(new JsonObject { ["id"] = id, ["type"] = "next", ["payload"] = JsonNode.Parse(GraphQLHttp.Serializer.Serialize(result)) });

    private async Task SendAsync(JsonObject message)
    {
        await _send.WaitAsync().ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _send.Release();
        }
    }

    private async Task CloseUnlessInitializedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(InitTimeout, _time, cancellationToken).ConfigureAwait(false);
            if (!_acknowledged)
            {
                await CloseAsync(4408, "Connection initialisation timeout").ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // closed before the timeout
        }
    }

    private async Task CloseAsync(int code, string reason)
    {
        try
        {
            await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
            // already closing
        }
        await _closing.CancelAsync().ConfigureAwait(false);
    }

    private static string? TokenFrom(JsonObject? payload)
    {
        if (payload is null)
        {
            return null;
        }
        var headers = payload["headers"] as JsonObject ?? payload;
        foreach (var key in new[] { "Authorization", "authorization" })
        {
            if (BearerToken.Parse(headers[key]?.ToString()) is { } token)
            {
                return token;
            }
        }
        return payload["token"]?.ToString() is { Length: > 0 } raw ? raw : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        _closing.Dispose();
        _send.Dispose();
        _socket.Dispose();
    }
}
