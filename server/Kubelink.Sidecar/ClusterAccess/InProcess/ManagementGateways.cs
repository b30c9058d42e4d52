using System.Collections.Concurrent;
using Kubelink.Sidecar.GraphQL.Gateway;
using Kubelink.Sidecar.Hosting;
using Kubelink.Sidecar.Proxy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.ClusterAccess.InProcess;

/// <summary>
/// The in-sidecar gateways (<c>graphql/gateway</c>), one per connected management cluster that asked for one, serving
/// <c>/graphql/{clusterId}/{path}/graphql</c> on the loopback listener. A gateway follows its route across reconnects and
/// stops when its cluster disconnects (its route closes).
/// </summary>
internal sealed class ManagementGateways(ProxyRoutes routes, StatePaths paths, ILoggerFactory loggers, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, ManagementGateway> _running = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _watching;

    /// <summary>Raised after a gateway stopped, with its cluster id (tests await it).</summary>
    public event Action<string>? Stopped;

    /// <summary><c>{state}/graphql/{clusterId}/definitions</c>.</summary>
    public string DefinitionsOf(string clusterId) => Path.Combine(paths.Root, "graphql", clusterId, "definitions");

    public ManagementGateway? Find(string clusterId) => _running.GetValueOrDefault(clusterId);

    /// <summary>The cluster's gateway, started now unless one runs over this route (a listener that gave up is replaced).</summary>
    public ManagementGateway Ensure(ProxyRoute route)
    {
        lock (_gate)
        {
            if (!_watching)
            {
                routes.Changed += StopDisconnected;
                _watching = true;
            }
            if (_running.TryGetValue(route.ClusterId, out var current) && ReferenceEquals(current.Route, route) && current.Running)
            {
                return current;
            }
            current?.Dispose();
            var started = new ManagementGateway(route, DefinitionsOf(route.ClusterId), loggers, time);
            _running[route.ClusterId] = started;
            return started;
        }
    }

    private void StopDisconnected()
    {
        var stopped = new List<string>();
        lock (_gate)
        {
            foreach (var (id, gateway) in _running)
            {
                if (routes.Find(id) is not { } route || !ReferenceEquals(route, gateway.Route))
                {
                    _running.TryRemove(id, out _);
                    gateway.Dispose();
                    stopped.Add(id);
                }
            }
        }
        foreach (var id in stopped)
        {
            Stopped?.Invoke(id);
        }
    }

    /// <summary>Guarded like <c>/graphql/{clusterId}</c> (loopback Host names only); the caller's token goes to the target.</summary>
    public async Task HandleAsync(HttpContext context, string clusterId, string path)
    {
        if (!ProxyEndpoint.IsLoopbackHost(context.Request.Host.Host))
        {
            await GraphQLHttp.WriteErrorAsync(context, StatusCodes.Status403Forbidden, $"Kubelink's GraphQL gateway only answers to loopback host names, not '{context.Request.Host.Host}'.").ConfigureAwait(false);
            return;
        }
        if (Find(clusterId) is not { } gateway)
        {
            await GraphQLHttp.WriteErrorAsync(context, StatusCodes.Status404NotFound,
                "No GraphQL gateway runs for this cluster: connect it and run Kubelink: Run GraphQL Gateway for Management Cluster.").ConfigureAwait(false);
            return;
        }
        if (gateway.Folder.Find(path) is not { } endpoint)
        {
            await GraphQLHttp.WriteErrorAsync(context, StatusCodes.Status404NotFound,
                $"No ClusterAccess of this cluster is served at /{path}/graphql. Served: {string.Join(", ", gateway.Folder.Paths.Select(p => "/" + p + "/graphql"))}.").ConfigureAwait(false);
            return;
        }
        await GraphQLHttp.HandleAsync(context, endpoint, time).ConfigureAwait(false);
    }

    public void Dispose()
    {
        routes.Changed -= StopDisconnected;
        foreach (var gateway in _running.Values)
        {
            gateway.Dispose();
        }
        _running.Clear();
    }
}
