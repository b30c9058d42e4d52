using System.Collections.Concurrent;
using Kubelink.Protocol;
using Kubelink.Sidecar.Clusters;
using Kubelink.Sidecar.Rpc;

namespace Kubelink.Sidecar.Resources;

/// <summary>The open subscriptions by the client's id. They end when unsubscribed, when their cluster is disconnected, and with the session (host disposal).</summary>
internal sealed class ResourceSubscriptions : IDisposable
{
    private readonly ConcurrentDictionary<string, Subscription> _open = new(StringComparer.Ordinal);
    private readonly ClusterService _clusters;

    public ResourceSubscriptions(ClusterService clusters)
    {
        _clusters = clusters;
        clusters.Deactivated += EndCluster;
    }

    public int Count => _open.Count;

    /// <summary>Registers a subscription; a duplicate id is refused and the new subscription released.</summary>
    public void Add(Subscription subscription)
    {
        if (!_open.TryAdd(subscription.Id, subscription))
        {
            subscription.Dispose();
            throw RpcErrors.Create(ErrorCodes.SubscriptionExists, $"A subscription with id '{subscription.Id}' is already open. Unsubscribe it first or choose another id.");
        }
    }

    /// <summary>Ends one subscription; an unknown id is ignored (the view may have closed twice, or its cluster went first).</summary>
    public void Remove(string id)
    {
        if (_open.TryRemove(id, out var subscription))
        {
            subscription.Dispose();
        }
    }

    public void Dispose()
    {
        _clusters.Deactivated -= EndCluster;
        foreach (var id in _open.Keys)
        {
            Remove(id);
        }
    }

    private void EndCluster(string clusterId)
    {
        foreach (var subscription in _open.Values.Where(s => s.ClusterId == clusterId))
        {
            Remove(subscription.Id);
        }
    }
}
