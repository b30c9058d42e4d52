using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.GraphQL;

/// <summary>Subscriptions through the real gateway: SSE frames and the graphql-transport-ws protocol, against the simulator's watches.</summary>
public sealed class GatewaySubscriptionTests
{
    private const string Namespace = "gql-empty";

    private static JsonObject ConfigMap(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespace, ["labels"] = new JsonObject { ["gql"] = "test" } },
    };

    /// <summary>A namespace of the test's own; its config maps carry a label the subscriptions select, so the namespace's root CA map is not seen.</summary>
    private static void CreateNamespace(GatewayTestBed bed) =>
        bed.Simulator.Store.Create(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = Namespace } });

    [Fact]
    public async Task Sse_ListSubscription_SendsCurrentObjectsThenTheNewOne()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        CreateNamespace(bed);
        bed.Simulator.Store.Create(ConfigMap("before"));
        using var request = new HttpRequestMessage(HttpMethod.Post, bed.Endpoint())
        {
            Content = new StringContent("""{"query":"subscription { v1_configmaps(namespace: \"gql-empty\", labelselector: \"gql=test\") { type object { metadata { name } } } }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bed.AdminToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await Wait.For(bed.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead), "the SSE response");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var first = await NextEventAsync(reader);
        Assert.Equal("ADDED", first["type"]!.ToString());
        Assert.Equal("before", first["object"]!["metadata"]!["name"]!.ToString());
        bed.Simulator.Store.Create(ConfigMap("after"));
        var second = await NextEventAsync(reader);
        Assert.Equal("ADDED", second["type"]!.ToString());
        Assert.Equal("after", second["object"]!["metadata"]!["name"]!.ToString());
    }

    [Fact]
    public async Task Sse_RestrictedToken_ForbiddenNamespaceIsAGraphQLError_AllowedOneStreams()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        async Task<JsonObject> FirstFrameAsync(string ns)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, bed.Endpoint())
            {
                Content = new StringContent($$"""{"query":"subscription { v1_configmaps(namespace: \"{{ns}}\") { type object { metadata { name } } } }"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bed.RestrictedToken);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            using var response = await Wait.For(bed.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead), "the SSE response");
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await Wait.For(reader.ReadLineAsync(), "an SSE frame") is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Length > 6)
                {
                    return JsonNode.Parse(line[6..])!.AsObject();
                }
            }
            throw new InvalidOperationException("The SSE stream ended without a frame.");
        }

        var denied = await FirstFrameAsync("kube-system");
        Assert.Contains("configmaps is forbidden", denied["errors"]![0]!["message"]!.ToString(), StringComparison.Ordinal);

        var allowed = await FirstFrameAsync("team-a");
        Assert.Null(allowed["errors"]);
        Assert.Equal("ADDED", allowed["data"]!["v1_configmaps"]!["type"]!.ToString());
    }

    private static async Task<JsonObject> NextEventAsync(StreamReader reader)
    {
        while (await Wait.For(reader.ReadLineAsync(), "an SSE frame") is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Length > 6)
            {
                var data = JsonNode.Parse(line[6..])!;
                Assert.Null(data["errors"]);
                return data["data"]!["v1_configmaps"]!.AsObject();
            }
        }
        throw new InvalidOperationException("The SSE stream ended.");
    }

    [Fact]
    public async Task WebSocket_SubscribeWithoutInit_Closes4401_AndWithoutToken4403()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        using (var socket = await ConnectAsync(bed))
        {
            await SendAsync(socket, new JsonObject { ["type"] = "subscribe", ["id"] = "1", ["payload"] = new JsonObject { ["query"] = "{ __typename }" } });
            await ReceiveAsync(socket);
            Assert.Equal(4401, (int)socket.CloseStatus!);
        }
        using (var socket = await ConnectAsync(bed))
        {
            await SendAsync(socket, new JsonObject { ["type"] = "connection_init" });
            await ReceiveAsync(socket);
            Assert.Equal(4403, (int)socket.CloseStatus!);
        }
    }

    [Fact]
    public async Task WebSocket_ThousandSubscriptions_OpenAndCompleted_LeaveNoWatchBehind()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        CreateNamespace(bed);
        using var socket = await ConnectAsync(bed);
        await SendAsync(socket, new JsonObject { ["type"] = "connection_init", ["payload"] = new JsonObject { ["Authorization"] = "Bearer " + bed.AdminToken } });
        Assert.Equal("connection_ack", (await ReceiveAsync(socket))!["type"]!.ToString());
        await SendAsync(socket, new JsonObject { ["type"] = "ping" });
        Assert.Equal("pong", (await ReceiveAsync(socket))!["type"]!.ToString());

        const int count = 1000;
        for (var i = 0; i < count; i++)
        {
            // resourceVersion given: no initial list, straight to the watch, so every subscription holds one open watch.
            await SendAsync(socket, new JsonObject
            {
                ["type"] = "subscribe",
                ["id"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["payload"] = new JsonObject { ["query"] = "subscription { v1_configmaps(namespace: \"gql-empty\", labelselector: \"gql=test\", resourceVersion: \"0\") { type object { metadata { name } } } }" },
            });
        }
        await Wait.Until(() => bed.Simulator.Store.OpenWatches("v1", "ConfigMap") >= count, "1,000 open watches", TimeSpan.FromSeconds(120));
        bed.Simulator.Store.Create(ConfigMap("seen-by-all"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (seen.Count < count)
        {
            var message = (await ReceiveAsync(socket))!;
            Assert.Equal("next", message["type"]!.ToString());
            Assert.Equal("seen-by-all", message["payload"]!["data"]!["v1_configmaps"]!["object"]!["metadata"]!["name"]!.ToString());
            seen.Add(message["id"]!.ToString());
        }
        for (var i = 0; i < count; i++)
        {
            await SendAsync(socket, new JsonObject { ["type"] = "complete", ["id"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        await Wait.Until(() => bed.Simulator.Store.OpenWatches("v1", "ConfigMap") == 0, "every watch closed", TimeSpan.FromSeconds(120));
    }

    internal static async Task<ClientWebSocket> ConnectAsync(GatewayTestBed bed)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        var uri = new UriBuilder(bed.Endpoint()) { Scheme = "ws" }.Uri;
        await Wait.For(socket.ConnectAsync(uri, CancellationToken.None), "the WebSocket");
        Assert.Equal("graphql-transport-ws", socket.SubProtocol);
        return socket;
    }

    internal static Task SendAsync(ClientWebSocket socket, JsonObject message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next message, or null when the server closed the socket (its code is then in CloseStatus).</summary>
    internal static async Task<JsonObject?> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[1 << 20];
        using var message = new MemoryStream();
        WebSocketReceiveResult received;
        do
        {
            received = await Wait.For(socket.ReceiveAsync(buffer, CancellationToken.None), "a WebSocket message");
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            message.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);
        return JsonNode.Parse(message.ToArray())!.AsObject();
    }
}
