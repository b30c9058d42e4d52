using System.Reflection;
using Kubelink.Protocol;
using Kubelink.Protocol.Lifecycle;
using Kubelink.Sidecar.Hosting;
using Kubelink.Sidecar.Rpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Lifecycle;

/// <summary>The LSP-style session lifecycle: <c>initialize</c>, <c>shutdown</c>, <c>exit</c>.</summary>
internal sealed partial class LifecycleHandler(
    SessionState session,
    StatePaths paths,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<LifecycleHandler> logger) : IRpcTarget
{
    public static string ServerVersion { get; } =
        typeof(LifecycleHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    [JsonRpcMethod(Methods.Initialize, UseSingleObjectParameterDeserialization = true)]
    public InitializeResult Initialize(InitializeParams request)
    {
        if (request.ProtocolVersion != ProtocolInfo.Version)
        {
            LogMismatch(logger, request.ClientName, request.ProtocolVersion, ProtocolInfo.Version);
            throw RpcErrors.Create(
                ErrorCodes.ProtocolMismatch,
                $"{request.ClientName} {request.ClientVersion} speaks Kubelink protocol {request.ProtocolVersion}, but this sidecar ({ServerVersion}) speaks protocol {ProtocolInfo.Version}. " +
                "Reinstall Kubelink so the extension and its sidecar match, or clear the 'kubelink.sidecar.path' setting if it points at another build.",
                new { clientProtocolVersion = request.ProtocolVersion, serverProtocolVersion = ProtocolInfo.Version });
        }

        if (session.ShutdownRequested)
        {
            throw RpcErrors.ShuttingDown(Methods.Initialize);
        }

        if (!session.TryInitialize(request.Settings))
        {
            throw RpcErrors.Create(ErrorCodes.InvalidRequest, "'initialize' was already called on this connection. Restart the sidecar to start a new session.");
        }

        LogInitialized(logger, request.ClientName, request.ClientVersion);
        foreach (var line in SettingFloors.Raised(session.Settings))
        {
            LogSettingRaised(logger, line);
        }

        foreach (var consumer in (IEnumerable<ISettingsConsumer>)services.GetService(typeof(IEnumerable<ISettingsConsumer>))!)
        {
            consumer.Apply(session.Settings);
        }

        // Resolved lazily: the targets list contains this handler, so constructor injection would be circular.
        var targets = (IEnumerable<IRpcTarget>)services.GetService(typeof(IEnumerable<IRpcTarget>))!;
        return new InitializeResult
        {
            ServerVersion = ServerVersion,
            ProtocolVersion = ProtocolInfo.Version,
            Capabilities = new ServerCapabilities
            {
                Methods = RpcConnection.MethodNames(targets),
                ProcessId = Environment.ProcessId,
                LogDirectory = paths.Logs,
                Features = SidecarFeatureRegistration.Features(services),
            },
        };
    }

    [JsonRpcMethod(Methods.Shutdown)]
    public Task Shutdown()
    {
        session.BeginShutdown();
        LogShutdown(logger);
        return Task.CompletedTask;
    }

    [JsonRpcMethod(Methods.Exit)]
    public void Exit()
    {
        // As in LSP: exit without a prior shutdown is an abnormal end, which the exit code tells the client.
        Environment.ExitCode = session.ShutdownRequested ? 0 : 1;
        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Initialized by {Client} {Version}")]
    private static partial void LogInitialized(ILogger logger, string client, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Client} speaks protocol {ClientVersion}; this sidecar speaks {ServerVersion}")]
    private static partial void LogMismatch(ILogger logger, string client, int clientVersion, int serverVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Line}")]
    private static partial void LogSettingRaised(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutdown requested")]
    private static partial void LogShutdown(ILogger logger);
}
