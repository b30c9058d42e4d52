using Kubelink.Simulator.Discovery;
using Kubelink.Simulator.Http;

namespace Kubelink.Simulator.Storage;

internal sealed partial class ObjectStore
{
    /// <summary>
    /// Opens a watch. With no start version the current matching objects come first as ADDED (then, for a
    /// watch-list, a bookmark marking the end of initial events); otherwise history after the version is
    /// replayed. Registration happens under the lock, so no change falls between replay and live events.
    /// </summary>
    public Watcher Watch(StorageKey key, string? ns, Func<StoredObject, bool>? filter, long? fromResourceVersion,
        bool initialEventsEnd, object? owner)
    {
        lock (_gate)
        {
            var table = Table(key);
            var watcher = new Watcher(ns, filter, owner);
            if (fromResourceVersion is null)
            {
                foreach (var obj in table.Enumerate(ns, null))
                {
                    watcher.Deliver(new WatchEvent("ADDED", obj, null, obj.ResourceVersion));
                }
                if (initialEventsEnd)
                {
                    watcher.Deliver(new WatchEvent("BOOKMARK", null, null, _resourceVersion, InitialEventsEnd: true));
                }
            }
            else
            {
                var from = fromResourceVersion.Value;
                if (from < table.CompactedResourceVersion)
                {
                    throw ApiException.Expired($"too old resource version: {from} ({table.CompactedResourceVersion + 1})");
                }
                foreach (var change in table.History)
                {
                    if (change.ResourceVersion > from)
                    {
                        watcher.Deliver(change);
                    }
                }
            }
            table.Watchers.Add(watcher);
            return watcher;
        }
    }

    public void StopWatch(StorageKey key, Watcher watcher)
    {
        lock (_gate)
        {
            if (_tables.TryGetValue(key, out var table))
            {
                table.Watchers.Remove(watcher);
            }
        }
        watcher.Close();
    }

    /// <summary>Queues a bookmark behind any pending events, so its version never runs ahead of them.</summary>
    public void Bookmark(Watcher watcher)
    {
        lock (_gate)
        {
            watcher.Deliver(new WatchEvent("BOOKMARK", null, null, _resourceVersion));
        }
    }

    /// <summary>Ends every open watch that <paramref name="shouldEnd"/> selects (fault injection, access revoked).</summary>
    /// <remarks>
    /// The predicate runs outside the store lock: it may consult the RBAC cache, which itself reads the store,
    /// and evaluating it under the lock would invert the lock order with a request rebuilding that cache.
    /// </remarks>
    public void EndWatches(Func<Watcher, bool> shouldEnd)
    {
        List<(KindTable Table, Watcher Watcher)> open;
        lock (_gate)
        {
            open = _tables.Values.SelectMany(t => t.Watchers.Select(w => (t, w))).ToList();
        }
        var doomed = open.Where(o => shouldEnd(o.Watcher)).ToList();
        lock (_gate)
        {
            foreach (var (table, watcher) in doomed)
            {
                table.Watchers.Remove(watcher);
                watcher.Close();
            }
        }
    }

    /// <summary>Watches open right now (tests wait for a client's watch to be established).</summary>
    public int OpenWatchCount(StorageKey key)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(key, out var table) ? table.Watchers.Count : 0;
        }
    }
}
