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
        // Serve only once every capability has started (the proxy listener, the kubeconfig sync): a request that arrives
        // first would otherwise see half a sidecar. Messages wait in the pipe meanwhile.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task.ConfigureAwait(false);
        }

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
