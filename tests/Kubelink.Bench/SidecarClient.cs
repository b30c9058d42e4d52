using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Kubelink.Protocol;
using Kubelink.Protocol.Lifecycle;
using StreamJsonRpc;

namespace Kubelink.Bench;

/// <summary>The real sidecar process (Release build) with a JSON-RPC client, as the extension would run it.</summary>
internal sealed class SidecarClient : IAsyncDisposable
{
    private SidecarClient(Process process, JsonRpc rpc, Channel<(string, JsonElement)> notifications)
    {
        Process = process;
        Rpc = rpc;
        Notifications = notifications;
    }

    public Process Process { get; }

    public JsonRpc Rpc { get; }

    public Channel<(string Method, JsonElement Params)> Notifications { get; }

    public static SidecarClient Start(string sidecarDll, string stateDir, IReadOnlyDictionary<string, string> environment, params string[] notificationMethods) =>
        Start([], sidecarDll, stateDir, environment, notificationMethods);

    /// <summary>The sidecar run by <paramref name="launcher"/> (e.g. <c>ip netns exec NS</c>, which execs it in place: the same process).</summary>
    public static SidecarClient Start(string[] launcher, string sidecarDll, string stateDir, IReadOnlyDictionary<string, string> environment, params string[] notificationMethods)
    {
        string[] command = [.. launcher, "dotnet", sidecarDll];
        var info = new ProcessStartInfo(command[0], command[1..])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["KUBELINK_STATE_DIR"] = stateDir;
        foreach (var (k, v) in environment)
        {
            info.Environment[k] = v;
        }

        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = new JsonSerializerOptions(ProtocolJson.Options) };
        var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, formatter));
        var channel = Channel.CreateUnbounded<(string, JsonElement)>();
        foreach (var method in notificationMethods)
        {
            var name = method;
            var handler = new Action<JsonElement>(p => channel.Writer.TryWrite((name, p)));
            rpc.AddLocalRpcMethod(handler.Method, handler.Target, new JsonRpcMethodAttribute(name) { UseSingleObjectParameterDeserialization = true });
        }

        rpc.StartListening();
        return new SidecarClient(process, rpc, channel);
    }

    public Task<InitializeResult> InitializeAsync(SidecarSettings? settings = null) =>
        Rpc.InvokeWithParameterObjectAsync<InitializeResult>(Methods.Initialize, new InitializeParams
        {
            ClientName = "kubelink-bench",
            ClientVersion = "1",
            ProtocolVersion = ProtocolInfo.Version,
            Settings = settings,
        });

    public async Task<JsonElement> NextAsync(string method, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var (name, payload) = await Notifications.Reader.ReadAsync(cts.Token);
            if (name == method)
            {
                return payload;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Rpc.InvokeAsync(Methods.Shutdown).WaitAsync(TimeSpan.FromSeconds(5));
            await Rpc.NotifyAsync(Methods.Exit);
            await Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or ConnectionLostException or ObjectDisposedException)
        {
        }
        finally
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Rpc.Dispose();
            Process.Dispose();
        }
    }
}
