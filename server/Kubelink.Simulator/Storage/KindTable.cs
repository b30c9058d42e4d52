namespace Kubelink.Simulator.Storage;

/// <summary>
/// All objects of one group/resource, ordered namespace then name (etcd key order), plus its recent change
/// history and open watches. Only touched under the store lock.
/// </summary>
internal sealed class KindTable(int historyLimit)
{
    private readonly SortedList<string, SortedList<string, StoredObject>> _namespaces = new(StringComparer.Ordinal);
    private readonly Queue<WatchEvent> _history = new();

    public int Count { get; private set; }

    /// <summary>Events at or below this resource version are no longer replayable (410 Expired).</summary>
    public long CompactedResourceVersion { get; set; }

    public List<Watcher> Watchers { get; } = [];

    public IEnumerable<WatchEvent> History => _history;

    public StoredObject? Get(string ns, string name) =>
        _namespaces.TryGetValue(ns, out var bucket) && bucket.TryGetValue(name, out var obj) ? obj : null;

    public void Put(StoredObject obj)
    {
        if (!_namespaces.TryGetValue(obj.Namespace, out var bucket))
        {
            bucket = new SortedList<string, StoredObject>(StringComparer.Ordinal);
            _namespaces.Add(obj.Namespace, bucket);
        }
        if (!bucket.ContainsKey(obj.Name))
        {
            Count++;
        }
        bucket[obj.Name] = obj;
    }

    public void Remove(string ns, string name)
    {
        if (_namespaces.TryGetValue(ns, out var bucket) && bucket.Remove(name))
        {
            Count--;
            if (bucket.Count == 0)
            {
                _namespaces.Remove(ns);
            }
        }
    }

    public IReadOnlyList<StoredObject> InNamespace(string ns) =>
        _namespaces.TryGetValue(ns, out var bucket) ? bucket.Values.ToList() : [];

    /// <summary>Objects in key order, in one namespace or all, strictly after <paramref name="afterKey"/>.</summary>
    public IEnumerable<StoredObject> Enumerate(string? ns, string? afterKey)
    {
        var (afterNs, afterName) = Split(afterKey);
        if (ns is not null)
        {
            return _namespaces.TryGetValue(ns, out var bucket) ? After(bucket, afterNs == ns ? afterName : null) : [];
        }
        return EnumerateAll(afterNs, afterName);
    }

    public void Record(WatchEvent change)
    {
        _history.Enqueue(change);
        while (_history.Count > historyLimit)
        {
            CompactedResourceVersion = _history.Dequeue().ResourceVersion;
        }
    }

    private IEnumerable<StoredObject> EnumerateAll(string? afterNs, string? afterName)
    {
        var start = afterNs is null ? 0 : LowerBound(_namespaces.Keys, afterNs);
        for (var i = start; i < _namespaces.Count; i++)
        {
            var ns = _namespaces.Keys[i];
            foreach (var obj in After(_namespaces.Values[i], ns == afterNs ? afterName : null))
            {
                yield return obj;
            }
        }
    }

    private static IEnumerable<StoredObject> After(SortedList<string, StoredObject> bucket, string? afterName)
    {
        var start = 0;
        if (afterName is not null)
        {
            start = LowerBound(bucket.Keys, afterName);
            if (start < bucket.Count && bucket.Keys[start] == afterName)
            {
                start++;
            }
        }
        for (var i = start; i < bucket.Count; i++)
        {
            yield return bucket.Values[i];
        }
    }

    private static int LowerBound(IList<string> keys, string key)
    {
        int lo = 0, hi = keys.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(keys[mid], key) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private static (string? Ns, string? Name) Split(string? key)
    {
        if (key is null)
        {
            return (null, null);
        }
        var slash = key.IndexOf('/');
        return slash < 0 ? (key, null) : (key[..slash], key[(slash + 1)..]);
    }
}
