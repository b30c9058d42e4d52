using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Rpc;

/// <summary>
/// Runs the JSON-RPC endpoint for the life of the host. When the client goes away (stdin closes, the pipe breaks)
/// the sidecar has no reason to live, so the whole host stops.
/// </summary>
internal sealed partial class RpcServer(
    WireStreams wire,
    IEnumerable<IRpcTarget> targets,
    ClientNotifier notifier,
    IHostApplicationLifetime lifetime,
    ILogger<RpcServer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var rpc = RpcConnection.Create(wire.Sending, wire.Receiving, targets, logger);
        rpc.Disconnected += (_, e) => LogDisconnected(logger, e.Reason.ToString(), e.Description);
        notifier.Attach(rpc);
        rpc.StartListening();
        LogListening(logger, Environment.ProcessId);

        var stopped = Task.Delay(Timeout.Infinite, stoppingToken);
        await Task.WhenAny(rpc.Completion, stopped).ConfigureAwait(false);
        if (rpc.Completion.IsCompleted)
        {
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sidecar {Pid} listening for JSON-RPC on stdio")]
    private static partial void LogListening(ILogger logger, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client disconnected ({Reason}): {Description}")]
    private static partial void LogDisconnected(ILogger logger, string reason, string description);
}
