using Kubelink.Sidecar.Sources;

namespace Kubelink.Sidecar.Health;

/// <summary>
/// The latest catalog change for one monitored cluster, posted by the catalog's thread and taken by the monitor's
/// loop: only the newest matters, so it is a one-slot mailbox rather than a queue.
/// </summary>
internal sealed class EntryChanges
{
    private readonly object _gate = new();
    private (Connectable? Context, string? Problem)? _pending;
    private bool _missing;

    /// <summary>The entry was removed or became invalid; any valid entry with this id brings the cluster back.</summary>
    public bool Missing
    {
        get
        {
            lock (_gate)
            {
                return _missing;
            }
        }
    }

    /// <summary>Records the change; false when it says nothing new (the entry was already missing).</summary>
    public bool Post(Connectable? context, string? problem)
    {
        lock (_gate)
        {
            // Every later catalog change would say "still gone" again: one notice per disappearance is enough.
            if (context is null && _missing)
            {
                return false;
            }

            _missing = context is null;
            _pending = (context, problem);
            return true;
        }
    }

    /// <summary>The pending change, if any: an entry and target to connect with, or null with the problem when the entry is gone.</summary>
    public (Connectable? Context, string? Problem)? Take()
    {
        lock (_gate)
        {
            var taken = _pending;
            _pending = null;
            return taken;
        }
    }
}
