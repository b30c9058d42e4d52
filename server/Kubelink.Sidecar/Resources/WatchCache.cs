using Kubelink.Protocol.Clusters;
using Kubelink.Protocol.Resources;
using Kubelink.Sidecar.Health;
using Kubelink.Sidecar.Kube;
using Kubelink.Sidecar.Resources.Rows;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Resources;

/// <summary>
/// The rows of one <see cref="ResourceKey"/>, kept current by LIST then WATCH, shared by every view that shows them.
/// Each run of the list/watch loop is tied to the link's generation it started on; anything a run produces after the
/// cache moved to another generation is dropped, so a late event or error from a dead connection changes nothing.
/// This file holds the state and the reactions to health; <c>WatchCache.Run.cs</c> the loop.
/// </summary>
internal sealed partial class WatchCache : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ResourceRow> _rows = new(StringComparer.Ordinal);
    private readonly List<ICacheListener> _listeners = [];
    private readonly TaskCompletionSource _firstAnswer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IClusterLink _link;
    private readonly RowKind _kind;
    private readonly ResourceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private CancellationTokenSource? _run;
    private long _generation;
    private string _resourceVersion = "";
    private bool _stale;
    private string? _error;
    private bool _disposed;

    public WatchCache(ResourceKey key, IClusterLink link, RowKind kind, ResourceOptions options, TimeProvider time, ILogger logger)
    {
        Key = key;
        _link = link;
        _kind = kind;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public ResourceKey Key { get; }

    /// <summary>Completes at the first list, the first error, or when the cluster is found not ready: then a snapshot means something.</summary>
    public Task FirstAnswer => _firstAnswer.Task;

    public void Start()
    {
        _link.HealthChanged += OnHealthChanged;
        _link.Recovered += OnRecovered;
        if (_link.Health.State == HealthState.Ready)
        {
            Restart(_link.Generation);
        }
        else
        {
            OnHealthChanged(_link.Health);
        }
    }

    /// <summary>A new user arrived at a cache that lost its access: try again, the binding may be back.</summary>
    public void RetryIfFailed()
    {
        lock (_gate)
        {
            if (_error is null || _disposed)
            {
                return;
            }
        }

        Restart(_link.Generation);
    }

    /// <summary>Registers a listener and answers the rows it starts from, atomically: no change falls between the two.</summary>
    public CacheSnapshot Attach(ICacheListener listener)
    {
        lock (_gate)
        {
            _listeners.Add(listener);
            return SnapshotLocked();
        }
    }

    public void Detach(ICacheListener listener)
    {
        lock (_gate)
        {
            _listeners.Remove(listener);
        }
    }

    public CacheSnapshot Snapshot()
    {
        lock (_gate)
        {
            return SnapshotLocked();
        }
    }

    public void Dispose()
    {
        _link.HealthChanged -= OnHealthChanged;
        _link.Recovered -= OnRecovered;
        lock (_gate)
        {
            _disposed = true;
            _listeners.Clear();
            _run?.Cancel();
            _run?.Dispose();
            _run = null;
        }

        _firstAnswer.TrySetResult();
    }

    // Leaving ready stops the watch and tells every view once that its rows are now the last known ones.
    private void OnHealthChanged(ClusterHealth health)
    {
        if (health.State == HealthState.Ready)
        {
            bool resume;
            lock (_gate)
            {
                resume = _stale && !_disposed;
            }

            if (resume)
            {
                Restart(Math.Max(health.Generation, _link.Generation));
            }

            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _run?.Cancel(); // wait for the reconnect instead of retrying against a cluster known to be gone
            if (!_stale)
            {
                _stale = true;
                PublishLocked(ResourceChangeType.Reset, []);
            }
        }

        _firstAnswer.TrySetResult();
    }

    // A new generation: re-list on it and reset every view with fresh rows. A repeat for the generation already live is ignored.
    private void OnRecovered(long generation)
    {
        lock (_gate)
        {
            if (_disposed || generation == _generation && !_stale && _error is null && _run is { IsCancellationRequested: false })
            {
                return;
            }
        }

        Restart(generation);
    }

    private void Restart(long generation)
    {
        CancellationToken token;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _run?.Cancel();
            _run?.Dispose();
            _run = new CancellationTokenSource();
            _generation = generation;
            token = _run.Token;
        }

        _ = Task.Run(() => RunGuardedAsync(generation, token), CancellationToken.None);
    }

    private CacheSnapshot SnapshotLocked()
    {
        var items = _rows.Values.ToList();
        items.Sort(RowOrder.Instance);
        return new CacheSnapshot(items, _stale, _error);
    }

    // A reset carries the whole snapshot, so listeners need not keep their own copy.
    private void PublishLocked(ResourceChangeType type, IReadOnlyList<ResourceRow> items)
    {
        var change = new CacheChange(type, type == ResourceChangeType.Reset ? SnapshotLocked().Items : items);
        foreach (var listener in _listeners)
        {
            listener.OnChange(this, change);
        }
    }

    /// <summary>True while <paramref name="generation"/> is the cache's current run; callers hold the lock.</summary>
    private bool IsCurrentLocked(long generation, CancellationToken token) => !_disposed && generation == _generation && !token.IsCancellationRequested;
}
