using System.Text.Json;
using System.Threading.Channels;
using Kubelink.Protocol;
using Kubelink.Protocol.Contract;
using Kubelink.Sidecar.Kubeconfig;
using Kubelink.Protocol.Lifecycle;
using Kubelink.Sidecar.Hosting;
using Kubelink.Sidecar.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nerdbank.Streams;
using Serilog;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Tests.TestSupport;

/// <summary>
/// The real sidecar host, composed exactly as in production, but wired to an in-memory duplex pair instead of stdio.
/// The client end is a plain StreamJsonRpc connection with the same framing and JSON rules the extension uses.
/// </summary>
public sealed class InMemorySidecar : IAsyncDisposable
{
    private readonly TempDir _state;
    private readonly Stream _clientStream;
    private bool _ownsState = true;

    private readonly Channel<(string Method, JsonElement Params)> _notifications;
    private NotificationHistory _history = new();

    private InMemorySidecar(IHost host, JsonRpc client, Stream clientStream, TempDir state, Channel<(string Method, JsonElement Params)> notifications, string home)
    {
        _state = state;
        _notifications = notifications;
        Home = home;
        Host = host;
        Client = client;
        _clientStream = clientStream;
    }

    public IHost Host { get; }

    /// <summary>The fake home folder the sidecar sees (its ~/.kube/config is Home/.kube/config).</summary>
    public string Home { get; }

    /// <summary>The state folder (logs, proxy kubeconfigs).</summary>
    public string StateDir => _state.Path;

    public JsonRpc Client { get; }

    /// <param name="configure">Extra service registrations (probe targets).</param>
    /// <param name="rawClient">When true no JsonRpc client is attached; the test speaks raw frames.</param>
    /// <param name="logger">The sidecar's logger (default: warnings and errors, nowhere).</param>
    /// <param name="restartOf">A sidecar whose state folder this one takes over, as a restarted process would (its owner keeps deleting it).</param>
    public static async Task<InMemorySidecar> StartAsync(Action<IServiceCollection>? configure = null, bool rawClient = false, Serilog.ILogger? logger = null, InMemorySidecar? restartOf = null)
    {
        var (serverSide, clientSide) = FullDuplexStream.CreatePair();
        var state = restartOf?._state ?? new TempDir();
        var paths = new StatePaths(state.Path);
        paths.Ensure();
        logger ??= new LoggerConfiguration().MinimumLevel.Warning().CreateLogger();
        // Never the real home folder or KUBECONFIG: a test that wants kubeconfigs puts them under Home or passes sync paths.
        var home = Directory.CreateDirectory(System.IO.Path.Combine(state.Path, "home")).FullName;
        var host = SidecarHost.Build(new WireStreams(serverSide, serverSide), paths, logger, watchParent: false, services =>
        {
            services.AddSingleton(new KubeconfigEnvironment(home, null, Environment.GetEnvironmentVariable("PATH")));
            configure?.Invoke(services);
        });
        await host.StartAsync();

        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = new System.Text.Json.JsonSerializerOptions(ProtocolJson.Options) };
        var client = new JsonRpc(new HeaderDelimitedMessageHandler(clientSide, clientSide, formatter));
        var notifications = Channel.CreateUnbounded<(string Method, JsonElement Params)>();
        var history = new NotificationHistory();
        foreach (var method in ContractDescriber.Describe().Methods.Where(m => m.Kind == "notification" && m.Direction == Direction.ServerToClient))
        {
            var name = method.Name;
            var handler = new Action<JsonElement>(p =>
            {
                history.Add(name, p);
                notifications.Writer.TryWrite((name, p));
            });
            client.AddLocalRpcMethod(handler.Method, handler.Target, new JsonRpcMethodAttribute(name) { UseSingleObjectParameterDeserialization = true });
        }

        if (!rawClient)
        {
            client.StartListening();
        }

        return new InMemorySidecar(host, client, clientSide, state, notifications, home) { _history = history, _ownsState = restartOf is null };
    }

    public Task<InitializeResult> InitializeAsync(int protocolVersion = ProtocolInfo.Version, SidecarSettings? settings = null) =>
        Client.InvokeWithParameterObjectAsync<InitializeResult>(Methods.Initialize, new InitializeParams
        {
            ClientName = "xunit",
            ClientVersion = "1.0",
            ProtocolVersion = protocolVersion,
            Settings = settings,
        });

    /// <summary>The next server → client notification with this method, deserialized; earlier ones of other methods are dropped.</summary>
    public async Task<T> NextNotificationAsync<T>(string method, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Wait.Default);
        try
        {
            while (true)
            {
                var (name, payload) = await _notifications.Reader.ReadAsync(cts.Token);
                if (name == method)
                {
                    return payload.Deserialize<T>(ProtocolJson.Options)!;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Timed out waiting for a '{method}' notification.");
        }
    }

    /// <summary>Consumes notifications of one method until <paramref name="until"/> says stop; started before the action that causes them.</summary>
    public Task CollectAsync<T>(string method, Func<T, bool> until) => Task.Run(async () =>
    {
        while (!until(await NextNotificationAsync<T>(method)))
        {
        }
    });

    /// <summary>
    /// The notifications of one method already dispatched to the client, without waiting (others are dropped). For "nothing
    /// else happened" checks after a request's answer: the sidecar sent everything earlier on the same ordered stream.
    /// </summary>
    public List<T> Received<T>(string method)
    {
        var found = new List<T>();
        while (_notifications.Reader.TryRead(out var item))
        {
            if (item.Method == method)
            {
                found.Add(item.Params.Deserialize<T>(ProtocolJson.Options)!);
            }
        }

        return found;
    }

    /// <summary>Polls <c>cluster/get</c> after each cluster notification until the condition holds.</summary>
    public async Task<Kubelink.Protocol.Clusters.ClusterInfo> WaitForClusterAsync(string clusterId, Func<Kubelink.Protocol.Clusters.ClusterInfo, bool> condition)
    {
        using var cts = new CancellationTokenSource(Wait.Default);
        while (true)
        {
            var info = await Client.InvokeWithParameterObjectAsync<Kubelink.Protocol.Clusters.ClusterInfo>(Methods.ClusterGet, new Kubelink.Protocol.Clusters.ClusterIdParams { ClusterId = clusterId }, cts.Token);
            if (condition(info))
            {
                return info;
            }

            await NextNotificationAsync<JsonElement>(Methods.ClusterStage, Wait.Default);
        }
    }

    /// <summary>
    /// Every notification of one method received so far, in order, whether or not a Next/Collect/Received call consumed it:
    /// for checks across methods (a stage line beside health events) that must not race the readers of the other method.
    /// </summary>
    public List<T> Seen<T>(string method) => _history.Of<T>(method);

    /// <summary>Completes once a notification of one method matching the condition was received, whoever read it since (bounded by <see cref="Wait.Default"/>).</summary>
    public Task SeenAsync<T>(string method, Func<T, bool> match, TimeSpan? timeout = null) => Wait.For(_history.WhenAsync(method, match), $"a '{method}' notification", timeout);

    /// <summary>Writes raw bytes to the sidecar, bypassing the client's serializer, to test hostile input.</summary>
    public async Task SendRawAsync(string body)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        var header = System.Text.Encoding.ASCII.GetBytes($"Content-Length: {bytes.Length}\r\n\r\n");
        await _clientStream.WriteAsync(header);
        await _clientStream.WriteAsync(bytes);
        await _clientStream.FlushAsync();
    }

    /// <summary>Reads one frame from the sidecar (only with a raw client).</summary>
    public async Task<System.Text.Json.JsonElement> ReadRawFrameAsync()
    {
        var header = new List<byte>();
        var one = new byte[1];
        while (!(header.Count >= 4 && header[^4] == '\r' && header[^3] == '\n' && header[^2] == '\r' && header[^1] == '\n'))
        {
            await _clientStream.ReadExactlyAsync(one);
            header.Add(one[0]);
        }

        var text = System.Text.Encoding.ASCII.GetString([.. header]);
        var length = int.Parse(text["Content-Length: ".Length..text.IndexOf('\r')], System.Globalization.CultureInfo.InvariantCulture);
        var body = new byte[length];
        await _clientStream.ReadExactlyAsync(body);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.StopAsync();
        Host.Dispose();
        if (_ownsState)
        {
            _state.Dispose();
        }
    }
}
