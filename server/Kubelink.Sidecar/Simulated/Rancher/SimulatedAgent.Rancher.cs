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
    private readonly ConcurrentBag<Task> _imports = [];
    private HttpClient? _rancherHttp;
    private RancherApi? _rancher;
    private RancherImporter? _importer;
    private HealthAnswerer? _health;

    /// <summary>A cluster's tunnel waits before reconnecting: cluster, tunnel, delay (logs; tests advance their clock by it).</summary>
    public event Action<string, string, TimeSpan>? RancherRetryScheduled;

    private async Task StartRancherAsync(CancellationToken cancellationToken)
    {
        // A state saved by an earlier run is history: no tunnel is up yet in this one (and none will be without a Rancher).
        var fresh = new RancherState { State = _options.Rancher is null ? "disabled" : "connecting" };
        await Keeper.UpdateAsync(s => s.Clusters.Values.All(c => c.Rancher.State is "disabled" or "connecting" && c.Rancher.Reason is null) ? s
            : s with { Clusters = s.Clusters.SetItems(s.Clusters.Values.Select(c => KeyValuePair.Create(c.Name, c with { Rancher = fresh with { ClusterId = c.Rancher.ClusterId } }))) }).ConfigureAwait(false);
        if (_options.Rancher is not { } settings)
        {
            return;
        }
        _rancherHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        _rancher = new RancherApi(_rancherHttp, settings);
        _importer = new RancherImporter(_rancher, _main!.Api, _time, _logger);
        _health = await HealthAnswerer.StartAsync(cancellationToken).ConfigureAwait(false);
        _background.Add(Task.Run(() => LoopAsync(_options.RancherWatchInterval, WatchRancherAsync)));
    }

    /// <summary>Starts the import of a ready cluster unless it is imported or importing already.</summary>
    private void StartImport(string name)
    {
        if (_importer is null || _tunnels.ContainsKey(name) || !_importing.TryAdd(name, 0))
        {
            return;
        }
        _imports.Add(Task.Run(async () =>
        {
            try
            {
                await ImportAsync(name).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // the agent stops
            }
            finally
            {
                _importing.TryRemove(name, out _);
            }
        }));
    }

    private async Task ImportAsync(string name)
    {
        if (Get(name) is not { Status: ClusterStatus.Ready } cluster)
        {
            return;
        }
        await SetRancherAsync(name, r => r with { State = "importing", Reason = null }).ConfigureAwait(false);
        ImportResult result;
        try
        {
            result = await _importer!.ImportAsync(name, cluster.Rancher.ClusterId, id => SetRancherAsync(name, r => r with { ClusterId = id }), _stop.Token).ConfigureAwait(false);
        }
        catch (RancherClusterGoneException e)
        {
            await DeleteGoneAsync(name, e.ClusterId).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is RancherApiException or ImportManifestException or MainApiException or HttpRequestException)
        {
            RancherLog.ImportFailed(_logger, name, e.Message);
            await SetRancherAsync(name, r => r with { State = "failed", Reason = e.Message }).ConfigureAwait(false);
            return;
        }
        RancherLog.Imported(_logger, name, result.ClusterId);
        var target = new TunnelTarget(() => _endpoints.TryGetValue(name, out var endpoint) ? endpoint.Port : 0, cluster.Token, CaPem, result.Token);
        var tunnels = new RancherTunnels(_options.Rancher!, target, _health!.Address, _time);
        tunnels.Changed += () => _ = ReportTunnelsAsync(name, tunnels);
        tunnels.RetryScheduled += (tunnel, delay) =>
        {
            RancherLog.Retry(_logger, name, tunnel, delay);
            RancherRetryScheduled?.Invoke(name, tunnel, delay);
        };
        if (!_tunnels.TryAdd(name, tunnels) || Get(name) is not { Status: ClusterStatus.Ready })
        {
            _tunnels.TryRemove(new KeyValuePair<string, RancherTunnels>(name, tunnels));
            await tunnels.DisposeAsync().ConfigureAwait(false);
            return;
        }
        await SetRancherAsync(name, r => r with { State = "connecting", Reason = null, ClusterId = result.ClusterId }).ConfigureAwait(false);
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

    private async Task DisposeRancherAsync()
    {
        foreach (var name in _tunnels.Keys)
        {
            if (_tunnels.TryRemove(name, out var tunnels))
            {
                await tunnels.DisposeAsync().ConfigureAwait(false);
            }
        }
        await Task.WhenAll(_imports).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_health is not null)
        {
            await _health.DisposeAsync().ConfigureAwait(false);
        }
        _rancherHttp?.Dispose();
    }
}
