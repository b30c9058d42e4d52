using Kubelink.Simulator.Discovery;

namespace Kubelink.Simulator.Storage;

/// <summary>One page of a list, taken consistently under the lock.</summary>
/// <param name="Items">Matching objects in key order.</param>
/// <param name="ResourceVersion">The store's resource version when the page was read.</param>
/// <param name="NextKey">Key of the last returned item when more items follow, else null.</param>
/// <param name="Remaining">How many matching items follow the page (0 when none).</param>
internal sealed record ListPage(IReadOnlyList<StoredObject> Items, long ResourceVersion, string? NextKey, long Remaining);

internal sealed partial class ObjectStore
{
    private long _compactedFloor;

    /// <summary>Lists matching objects after <paramref name="afterKey"/>, at most <paramref name="limit"/> (0 = all).</summary>
    public ListPage List(StorageKey key, string? ns, Func<StoredObject, bool>? filter, int limit, string? afterKey)
    {
        lock (_gate)
        {
            if (!_tables.TryGetValue(key, out var table))
            {
                return new ListPage([], _resourceVersion, null, 0);
            }
            var items = new List<StoredObject>(limit > 0 ? Math.Min(limit, table.Count) : table.Count);
            long remaining = 0;
            foreach (var obj in table.Enumerate(ns, afterKey))
            {
                if (filter is not null && !filter(obj))
                {
                    continue;
                }
                if (limit > 0 && items.Count >= limit)
                {
                    remaining++;
                    continue;
                }
                items.Add(obj);
            }
            var next = remaining > 0 ? items[^1].Key : null;
            return new ListPage(items, _resourceVersion, next, remaining);
        }
    }

    /// <summary>The oldest resource version a list continuation or watch of this resource may still start from.</summary>
    public long CompactedResourceVersion(StorageKey key)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(key, out var table) ? table.CompactedResourceVersion : _compactedFloor;
        }
    }

    /// <summary>Every stored object with its table, for the state file.</summary>
    public (long ResourceVersion, IReadOnlyList<(StorageKey Key, StoredObject Object)> Objects) Snapshot()
    {
        lock (_gate)
        {
            var objects = _tables.SelectMany(t => t.Value.Enumerate(null, null).Select(o => (t.Key, o))).ToList();
            return (_resourceVersion, objects);
        }
    }

    /// <summary>Replaces all content with a snapshot; history before it is gone, as after an etcd compaction.</summary>
    public void Load(long resourceVersion, IEnumerable<(StorageKey Key, StoredObject Object)> objects)
    {
        lock (_gate)
        {
            _tables.Clear();
            _resourceVersion = resourceVersion;
            _compactedFloor = resourceVersion;
            foreach (var (key, obj) in objects)
            {
                Table(key).Put(obj);
            }
        }
    }

    /// <summary>Types with stored objects, for listeners rebuilding derived state after a load.</summary>
    public IReadOnlyList<StorageKey> Keys()
    {
        lock (_gate)
        {
            return _tables.Keys.ToList();
        }
    }
}
