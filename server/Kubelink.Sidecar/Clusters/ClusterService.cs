using System.Collections.Concurrent;
using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Clusters.Activation;
using Kubelink.Sidecar.Hosting;
using Kubelink.Sidecar.Proxy;
using Kubelink.Sidecar.Rpc;
using Kubelink.Sidecar.Sources;

namespace Kubelink.Sidecar.Clusters;

/// <summary>The cluster sessions by catalog id: one activation per cluster at a time, however often Connect is clicked.</summary>
internal sealed class ClusterService(ClusterCatalog catalog, ClusterActivator activator, ProxyRoutes routes, ProxyServer proxy, IClientNotifier notifier, StatePaths paths, ClusterChangePublisher changes, DefaultNamespaces namespaces)
{
    private readonly ConcurrentDictionary<string, ClusterSession> _sessions = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public Task<ClusterInfo> ActivateAsync(string clusterId, IReadOnlyList<string>? accessibleNamespaces = null)
    {
        var (entry, target) = catalog.Resolve(clusterId);
        lock (_gate)
        {
            var session = _sessions.GetOrAdd(clusterId, _ =>
            {
                var created = new ClusterSession(entry, target);
                created.OverrideDefaultNamespace(namespaces.Load(clusterId)); // the user's choice outlives a sidecar restart
                return changes.Follow(created);
            });
            if (session.Activation is { IsFaulted: false, IsCanceled: false } running && session.Info.Status is not (ClusterStatus.Disconnected or ClusterStatus.Failed))
            {
                return running; // connecting twice is one activation
            }

            return session.BeginActivation(entry, target, accessibleNamespaces, activator.ActivateAsync);
        }
    }

    public Task<ClusterInfo> RefreshAsync(string clusterId)
    {
        lock (_gate)
        {
            if (_sessions.TryGetValue(clusterId, out var session))
            {
                session.Lifetime.Cancel();
                session.State.Disconnecting();
            }
        }

        return ActivateAsync(clusterId, null);
    }

    public async Task DeactivateAsync(string clusterId)
    {
        if (!_sessions.TryRemove(clusterId, out var session))
        {
            return;
        }

        await session.Lifetime.CancelAsync().ConfigureAwait(false);
        session.State.Disconnecting();
        routes.Close(clusterId);
        session.DisposeTransport();
        ClusterActivator.TryDelete(paths.ProxyKubeconfig(clusterId));
        Deactivated?.Invoke(clusterId);
        await notifier.NotifyAsync(Methods.ClusterStatusChanged, new ClusterStatusParams { ClusterId = clusterId, Status = ClusterStatus.Disconnected }).ConfigureAwait(false);
    }

    /// <summary>Raised after a cluster is disconnected by the user (its caches and subscriptions end).</summary>
    public event Action<string>? Deactivated;

    /// <summary>The session of an activated (or activating) cluster.</summary>
    public ClusterSession? Find(string clusterId) => _sessions.TryGetValue(clusterId, out var session) ? session : null;

    public ClusterInfo Get(string clusterId)
    {
        if (_sessions.TryGetValue(clusterId, out var session))
        {
            return session.Info;
        }

        _ = catalog.Resolve(clusterId);
        return ClusterState.Disconnected(clusterId);
    }

    public ClusterInfo SetDefaultNamespace(string clusterId, string? ns)
    {
        DefaultNamespaces.Validate(ns);
        if (!_sessions.TryGetValue(clusterId, out var session) || routes.Find(clusterId) is not { } route || session.Info.ProxyUrl is null)
        {
            _ = catalog.Resolve(clusterId); // an unknown id answers ClusterNotFound, as every other cluster method does
            throw RpcErrors.Create(ErrorCodes.ClusterNotReady, "Connect the cluster before setting its default namespace.");
        }

        namespaces.Save(clusterId, ns);
        var info = session.OverrideDefaultNamespace(ns);
        ProxyKubeconfig.Write(info.ProxyKubeconfigPath!, session.Entry.Name, info.ProxyUrl!, proxy.Certificate.CaPem, route.Token, session.DefaultNamespace);
        return info;
    }
}
