using System.Collections.Concurrent;
using Kubelink.Sidecar.Simulated.Rancher;

namespace Kubelink.Sidecar.Simulated;

/// <summary>
/// The Rancher side of the agent (docs/simulated-clusters.md, decision 51): a ready cluster is imported and its two tunnels
/// kept up; the deletion watcher removes a cluster Rancher no longer has and retries failed imports; deleting a cluster
/// closes its tunnels, removes the import's cluster-scoped objects and deletes it in Rancher too.
/// </summary>
internal sealed partial class SimulatedAgent
{
    private readonly ConcurrentDictionary<string, RancherTunnels> _tunnels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _importing = new(StringComparer.Ordinal);
    private readonly List<Task> _imports = [];
    private readonly Lock _rancherLock = new();
    private readonly SemaphoreSlim _rancherGate = new(1, 1);
    private RancherRun? _run;
    private HealthAnswerer? _health;

    /// <summary>A cluster's tunnel waits before reconnecting: cluster, tunnel, delay (logs; tests advance their clock by it).</summary>
    public event Action<string, string, TimeSpan>? RancherRetryScheduled;

    /// <summary>The import's current settings (null: off).</summary>
    public RancherSettings? Rancher
    {
        get
        {
            lock (_rancherLock)
            {
                return _run?.Settings;
            }
        }
    }

    private async Task StartRancherAsync(CancellationToken cancellationToken)
    {
        // A state saved by an earlier run is history: no tunnel is up yet in this one (and none will be without a Rancher).
        await ResetRancherStatesAsync(_options.Rancher is not null).ConfigureAwait(false);
        if (_options.Rancher is { } settings)
        {
            await BeginRunAsync(settings, cancellationToken).ConfigureAwait(false);
        }
        _background.Add(Task.Run(() => LoopAsync(_options.RancherWatchInterval, WatchRancherAsync)));
    }

    /// <summary>
    /// Replaces the import's settings while the agent runs (the editor's setting or key changed): the old run is cancelled,
    /// its imports awaited and every tunnel closed; then, with settings, every ready cluster is imported again (into the same
    /// Rancher cluster when the URL did not change). Null stops the import: the clusters stay, their Rancher state is
    /// <c>disabled</c> and nothing is deleted in Rancher. The same settings again only retry failed imports.
    /// </summary>
    public async Task ConfigureRancherAsync(RancherSettings? settings, CancellationToken cancellationToken)
    {
        await _rancherGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            RancherRun? old;
            Task[] pending = [];
            bool unchanged;
            lock (_rancherLock)
            {
                old = _run;
                unchanged = old?.Settings == settings;
                if (!unchanged)
                {
                    _run = null; // from here on no import starts and none adds tunnels
                    pending = [.. _imports];
                }
            }
            if (unchanged)
            {
                RetryFailedImports();
                return;
            }
            old?.Cancel();
            await Task.WhenAll(pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await CloseTunnelsAsync().ConfigureAwait(false);
            old?.Dispose();
            await ResetRancherStatesAsync(settings is not null).ConfigureAwait(false);
            if (settings is not null)
            {
                await BeginRunAsync(settings, cancellationToken).ConfigureAwait(false);
                foreach (var cluster in Keeper.Current.Clusters.Values.Where(c => c.Status == ClusterStatus.Ready))
                {
                    StartImport(cluster.Name);
                }
            }
        }
        finally
        {
            _rancherGate.Release();
        }
    }

    private async Task BeginRunAsync(RancherSettings settings, CancellationToken cancellationToken)
    {
        _health ??= await HealthAnswerer.StartAsync(cancellationToken).ConfigureAwait(false);
        lock (_rancherLock)
        {
            _run = new RancherRun(settings, _main!.Api, _time, _logger, _stop.Token);
        }
    }

    /// <summary>Every cluster's Rancher state back to <c>connecting</c> (an import follows) or <c>disabled</c>; ids are kept.</summary>
    private Task ResetRancherStatesAsync(bool enabled)
    {
        var state = enabled ? "connecting" : "disabled";
        return Keeper.UpdateAsync(s => s.Clusters.Values.All(c => c.Rancher.State == state && c.Rancher.Reason is null) ? s
            : s with { Clusters = s.Clusters.SetItems(s.Clusters.Values.Select(c => KeyValuePair.Create(c.Name, c with { Rancher = c.Rancher with { State = state, Reason = null } }))) });
    }

    private void RetryFailedImports()
    {
        foreach (var cluster in Keeper.Current.Clusters.Values.Where(c => c.Status == ClusterStatus.Ready && c.Rancher.State is "failed" or "disabled"))
        {
            StartImport(cluster.Name);
        }
    }

    /// <summary>Starts the import of a ready cluster unless it is imported or importing already, or the import is off.</summary>
    private void StartImport(string name)
    {
        lock (_rancherLock)
        {
            if (_run is not { } run || _tunnels.ContainsKey(name) || !_importing.TryAdd(name, 0))
            {
                return;
            }
            _imports.RemoveAll(t => t.IsCompleted);
            _imports.Add(Task.Run(async () =>
            {
                try
                {
                    await ImportAsync(name, run).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && run.Token.IsCancellationRequested)
                {
                    // the agent stops, or the import was reconfigured: the new run imports again
                }
                finally
                {
                    _importing.TryRemove(name, out _);
                }
            }));
        }
    }

    private async Task ImportAsync(string name, RancherRun run)
    {
        if (Get(name) is not { Status: ClusterStatus.Ready } cluster)
        {
            return;
        }
        await SetRancherAsync(name, r => r with { State = "importing", Reason = null }).ConfigureAwait(false);
        ImportResult result;
        var url = run.Settings.Url.ToString();
        try
        {
            var knownId = run.Owns(cluster.Rancher) ? cluster.Rancher.ClusterId : null;
            result = await run.Importer.ImportAsync(name, knownId, id => SetRancherAsync(name, r => r with { ClusterId = id, Url = url }), run.Token).ConfigureAwait(false);
        }
        catch (RancherClusterGoneException e)
        {
            await DeleteGoneAsync(name, e.ClusterId).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is RancherApiException or ImportManifestException or MainApiException or HttpRequestException)
        {
            run.Token.ThrowIfCancellationRequested(); // a reconfiguration's cancel is no failure to show
            RancherLog.ImportFailed(_logger, name, e.Message);
            await SetRancherAsync(name, r => r with { State = "failed", Reason = e.Message }).ConfigureAwait(false);
            return;
        }
        RancherLog.Imported(_logger, name, result.ClusterId);
        var target = new TunnelTarget(() => _endpoints.TryGetValue(name, out var endpoint) ? endpoint.Port : 0, cluster.Token, CaPem, result.Token);
        var tunnels = new RancherTunnels(run.Settings, target, _health!.Address, _time);
        tunnels.Changed += () => _ = ReportTunnelsAsync(name, tunnels);
        tunnels.RetryScheduled += (tunnel, delay) =>
        {
            RancherLog.Retry(_logger, name, tunnel, delay);
            RancherRetryScheduled?.Invoke(name, tunnel, delay);
        };
        bool added;
        lock (_rancherLock)
        {
            // Under the lock a reconfiguration takes _run away in: either it sees these tunnels and closes them, or they are not added.
            added = _run == run && _tunnels.TryAdd(name, tunnels);
        }
        if (!added || Get(name) is not { Status: ClusterStatus.Ready })
        {
            _tunnels.TryRemove(new KeyValuePair<string, RancherTunnels>(name, tunnels));
            await tunnels.DisposeAsync().ConfigureAwait(false);
            return;
        }
        await SetRancherAsync(name, r => r with { State = "connecting", Reason = null, ClusterId = result.ClusterId, Url = url }).ConfigureAwait(false);
        tunnels.Start();
    }

    /// <summary>Saves the tunnels' combined state; read under the state lock, so reports applied out of order still end right.</summary>
    private async Task ReportTunnelsAsync(string name, RancherTunnels tunnels)
    {
        try
        {
            var saved = await SetRancherAsync(name, r =>
            {
                if (!_tunnels.TryGetValue(name, out var current) || current != tunnels)
                {
                    return r; // closed: a late report must not overwrite what deletion or a new import wrote
                }
                var (state, reason) = tunnels.Current;
                return r.State == state && r.Reason == reason ? r : r with { State = state, Reason = reason };
            }).ConfigureAwait(false);
            if (saved is not null)
            {
                RancherLog.State(_logger, name, saved.Rancher.State, saved.Rancher.Reason);
            }
        }
        catch (IOException)
        {
            // the state file could not be written; the next change writes it
        }
    }

    /// <summary>Changes a cluster's Rancher state; returns the cluster when the state changed, else null.</summary>
    private async Task<SimulatedCluster?> SetRancherAsync(string name, Func<RancherState, RancherState> change)
    {
        SimulatedCluster? changed = null;
        await Keeper.UpdateAsync(s =>
        {
            if (!s.Clusters.TryGetValue(name, out var c) || c.Status == ClusterStatus.Deleting)
            {
                return s;
            }
            var next = change(c.Rancher);
            if (next == c.Rancher)
            {
                return s;
            }
            changed = c with { Rancher = next };
            return s with { Clusters = s.Clusters.SetItem(name, changed) };
        }).ConfigureAwait(false);
        return changed;
    }

    private async Task CloseTunnelsAsync()
    {
        foreach (var name in _tunnels.Keys)
        {
            if (_tunnels.TryRemove(name, out var tunnels))
            {
                await tunnels.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task DisposeRancherAsync()
    {
        RancherRun? run;
        Task[] pending;
        lock (_rancherLock)
        {
            (run, _run) = (_run, null);
            pending = [.. _imports];
        }
        run?.Cancel();
        await Task.WhenAll(pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await CloseTunnelsAsync().ConfigureAwait(false);
        run?.Dispose();
        if (_health is not null)
        {
            await _health.DisposeAsync().ConfigureAwait(false);
        }
        _rancherGate.Dispose();
    }
}
