using Kubelink.Sidecar.Clusters;
using Kubelink.Sidecar.Health;
using Kubelink.Sidecar.Kube;
using Kubelink.Sidecar.Resources.Rows;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Resources;

/// <summary>
/// Every watch cache of the sidecar, one per <see cref="ResourceKey"/>, counted by lease. The last lease's release does not
/// stop the watch at once but after <see cref="ResourceOptions.Linger"/>, so a view closed and reopened (or a one-off
/// <c>resources/list</c>) reuses it. A disconnected cluster's caches end at once.
/// </summary>
internal sealed class ResourceCaches : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<ResourceKey, Entry> _entries = [];
    private readonly ClusterService _clusters;
    private readonly ResourceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WatchCache> _logger;

    public ResourceCaches(ClusterService clusters, ResourceOptions options, TimeProvider time, ILogger<WatchCache> logger)
    {
        _clusters = clusters;
        _options = options;
        _time = time;
        _logger = logger;
        clusters.Deactivated += EndCluster;
    }

    /// <summary>How many caches are watching now (for tests and the log).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public Lease Acquire(IClusterLink link, ResourceKey key, RowKind kind)
    {
        WatchCache cache;
        bool created;
        lock (_gate)
        {
            created = !_entries.TryGetValue(key, out var entry);
            if (created)
            {
                entry = new Entry(new WatchCache(key, link, kind, _options, _time, _logger));
                _entries[key] = entry;
            }

            entry!.Users++;
            entry.Linger?.Dispose();
            entry.Linger = null;
            cache = entry.Cache;
        }

        if (created)
        {
            cache.Start();
        }
        else
        {
            cache.RetryIfFailed();
        }

        return new Lease(this, cache);
    }

    public void Dispose()
    {
        _clusters.Deactivated -= EndCluster;
        List<Entry> all;
        lock (_gate)
        {
            all = [.. _entries.Values];
            _entries.Clear();
        }

        all.ForEach(End);
    }

    private void Release(WatchCache cache)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(cache.Key, out var entry) || !ReferenceEquals(entry.Cache, cache) || --entry.Users > 0)
            {
                return;
            }

            entry.Linger = _time.CreateTimer(_ => Expire(entry), null, _options.Linger, Timeout.InfiniteTimeSpan);
        }
    }

    private void Expire(Entry entry)
    {
        lock (_gate)
        {
            if (entry.Users > 0 || !_entries.TryGetValue(entry.Cache.Key, out var current) || !ReferenceEquals(current, entry))
            {
                return; // someone came back while the timer fired
            }

            _entries.Remove(entry.Cache.Key);
        }

        End(entry);
    }

    private void EndCluster(string clusterId)
    {
        List<Entry> ended;
        lock (_gate)
        {
            ended = _entries.Where(e => e.Key.ClusterId == clusterId).Select(e => e.Value).ToList();
            ended.ForEach(e => _entries.Remove(e.Cache.Key));
        }

        ended.ForEach(End);
    }

    private static void End(Entry entry)
    {
        entry.Linger?.Dispose();
        entry.Cache.Dispose();
    }

    private sealed class Entry(WatchCache cache)
    {
        public WatchCache Cache { get; } = cache;

        public int Users { get; set; }

        public ITimer? Linger { get; set; }
    }

    /// <summary>One user's hold on a cache; disposing it twice releases once.</summary>
    public sealed class Lease(ResourceCaches owner, WatchCache cache) : IDisposable
    {
        private int _released;

        public WatchCache Cache { get; } = cache;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(Cache);
            }
        }
    }
}
