namespace Kubelink.Sidecar.Simulated;

/// <summary>
/// The one owner of <see cref="AgentState"/>: changes are functions applied under a lock, and a change returns only once a
/// state at least that new is on disk. Concurrent changes share writes (the writer saves the newest state it finds), so
/// creating hundreds of clusters at once costs far fewer fsyncs than changes.
/// </summary>
internal sealed class StateKeeper(AgentStateFile file, AgentState initial)
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private AgentState _state = initial;
    private long _version;
    private long _saved;

    public AgentState Current
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Raised after each durable change (the sidecar's source republishes its entries from it).</summary>
    public event Action<AgentState>? Changed;

    /// <summary>Applies <paramref name="change"/> (which may throw to refuse) and waits until the result is saved.</summary>
    public async Task<AgentState> UpdateAsync(Func<AgentState, AgentState> change)
    {
        AgentState next;
        long version;
        lock (_gate)
        {
            next = change(_state);
            if (ReferenceEquals(next, _state))
            {
                return next;
            }
            _state = next;
            version = ++_version;
        }
        await SaveAsync(version).ConfigureAwait(false);
        Changed?.Invoke(next);
        return next;
    }

    /// <summary>Changes one cluster if it still exists; returns it as saved, or null when it is gone.</summary>
    public async Task<SimulatedCluster?> UpdateClusterAsync(string name, Func<SimulatedCluster, SimulatedCluster> change)
    {
        var state = await UpdateAsync(s => s.Clusters.TryGetValue(name, out var c) ? s with { Clusters = s.Clusters.SetItem(name, change(c)) } : s).ConfigureAwait(false);
        return state.Clusters.GetValueOrDefault(name);
    }

    private async Task SaveAsync(long version)
    {
        await _writer.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_saved >= version)
            {
                return; // a write that started after our change already carried it
            }
            AgentState snapshot;
            long snapshotVersion;
            lock (_gate)
            {
                snapshot = _state;
                snapshotVersion = _version;
            }
            await Task.Run(() => file.Save(snapshot)).ConfigureAwait(false);
            _saved = snapshotVersion;
        }
        finally
        {
            _writer.Release();
        }
    }
}
