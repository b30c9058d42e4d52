using Kubelink.Simulator.Storage;

namespace Kubelink.Simulator.Rbac;

/// <summary>Keeps the current <see cref="RbacSnapshot"/>, marking it stale whenever an RBAC object changes.</summary>
internal sealed class RbacCache
{
    private readonly ObjectStore _store;
    private readonly object _rebuildLock = new();
    private volatile RbacSnapshot? _current;
    private long _changes;
    private long _builtAt = -1;

    public RbacCache(ObjectStore store)
    {
        _store = store;
        store.AddListener(change =>
        {
            if (change.Type.Group == RbacSnapshot.Group)
            {
                Interlocked.Increment(ref _changes);
            }
        });
    }

    /// <summary>Forces the next read to rebuild (after a state load replaced the store content).</summary>
    public void Invalidate() => Interlocked.Increment(ref _changes);

    public RbacSnapshot Current
    {
        get
        {
            var changes = Interlocked.Read(ref _changes);
            var current = _current;
            if (current is not null && Interlocked.Read(ref _builtAt) == changes)
            {
                return current;
            }
            lock (_rebuildLock)
            {
                changes = Interlocked.Read(ref _changes);
                if (_current is null || _builtAt != changes)
                {
                    _current = RbacSnapshot.Build(_store);
                    Interlocked.Exchange(ref _builtAt, changes);
                }
                return _current;
            }
        }
    }
}
