using Kubelink.Sidecar.Proxy;
using Kubelink.Sidecar.GraphQL.Gateway;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.ClusterAccess.InProcess;

/// <summary>
/// The listener and the gateway of one connected management cluster, inside the sidecar: the listener reads the ClusterAccess
/// objects with the cluster's connected identity (its route's current transport) and writes the definitions folder; the folder is
/// served as the headless gateway serves it.
/// </summary>
internal sealed partial class ManagementGateway : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly KubeConnection _management;
    private readonly Task _run;

    public ManagementGateway(ProxyRoute route, string definitions, ILoggerFactory loggers, TimeProvider time)
    {
        Route = route;
        _management = KubeConnection.Over(route);
        Listener = new ClusterAccessListener(_management, new SchemaFiles(definitions), loggers.CreateLogger("Kubelink.ClusterAccess.Listener"), time);
        new SchemaFiles(definitions).Ensure(); // 0700 before the folder's watcher starts on it
        Clear(definitions); // files of an earlier run may name objects deleted since: the listener writes every current one again
        Folder = new DefinitionsFolder(definitions, loggers.CreateLogger("Kubelink.Gateway"));
        Definitions = definitions;
        var logger = loggers.CreateLogger("Kubelink.ClusterAccess.Gateway");
        _run = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Listener.RunAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (ObjectDisposedException) when (!_stop.IsCancellationRequested)
                {
                    // A reconnect disposed the transport under a call: list again, over the route's new transport, once the
                    // route has it (it swaps right after the new one is made).
                    await Task.Delay(TimeSpan.FromMilliseconds(500), time, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException and not ObjectDisposedException)
                {
                    // The verb would exit and say why; here the sidecar keeps running, so the log says it.
                    LogListenerStopped(logger, route.ClusterId, e.Message);
                    return;
                }
            }
        });
    }

    /// <summary>The route it reads over (a reconnect swaps the route's transport; a disconnect closes the route).</summary>
    public ProxyRoute Route { get; }

    public string Definitions { get; }

    public ClusterAccessListener Listener { get; }

    public DefinitionsFolder Folder { get; }

    /// <summary>False once the listener gave up (logged): running the gateway again starts a new one.</summary>
    public bool Running => !_run.IsCompleted;

    /// <summary>Stops serving now and removes the files; the listener ends its current call, then lets go of the connection.</summary>
    public void Dispose()
    {
        Folder.Dispose();
        _stop.Cancel();
        Clear(Definitions);
        _ = _run.ContinueWith(_ =>
        {
            Listener.Dispose();
            _management.Dispose();
            _stop.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private static void Clear(string definitions)
    {
        foreach (var file in Directory.EnumerateFiles(definitions, "*.json"))
        {
            File.Delete(file);
        }
    }

    [LoggerMessage(1330, LogLevel.Error, "The ClusterAccess listener of {ClusterId} stopped: {Message}. Run the gateway again after fixing the cause.")]
    private static partial void LogListenerStopped(ILogger logger, string clusterId, string message);
}
