using Kubelink.Sidecar.IO;
using Kubelink.Sidecar.Clusters;

namespace Kubelink.Sidecar.Simulated;

/// <summary>The per-cluster steps (set-up, endpoint, kubeconfig, deletion) and the loops that re-run them.</summary>
internal sealed partial class SimulatedAgent
{
    /// <summary>
    /// Populates the tenant (or finishes an interrupted population) and marks the cluster ready. A main cluster that is slow
    /// or unreachable is retried with jittered exponential back-off (the reason shows meanwhile); a refusal fails at once.
    /// </summary>
    private async Task SetUpAsync(string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            string? transient;
            await _setupSlots.WaitAsync(_stop.Token).ConfigureAwait(false);
            try
            {
                var result = await _populator!.EnsureAsync(name, createNamespace: true, _stop.Token).ConfigureAwait(false);
                var saved = await Keeper.UpdateClusterAsync(name, c => c.Status == ClusterStatus.Deleting ? c
                    // A note on a repair (a moved port) stays; a failure's or a retry's reason goes with it.
                    : c with { Status = ClusterStatus.Ready, Reason = c.Reason?.StartsWith("port ", StringComparison.Ordinal) == true ? c.Reason : null, Nodes = result.Nodes, Pods = result.Pods }).ConfigureAwait(false);
                if (saved?.Status == ClusterStatus.Ready)
                {
                    _settled[name] = 0;
                    AgentLog.Ready(_logger, name, result.Nodes, result.Pods, result.Repairs);
                    StartImport(name);
                }
                return;
            }
            catch (MainApiException e)
            {
                await FailAsync(name, e.Message).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when ((e is HttpRequestException || e is TaskCanceledException) && !_stop.IsCancellationRequested)
            {
                transient = $"the main cluster did not answer (attempt {attempt}): {e.Message}";
            }
            finally
            {
                _setupSlots.Release();
            }
            if (attempt >= MaxSetUpAttempts)
            {
                await FailAsync(name, transient).ConfigureAwait(false);
                return;
            }
            await Keeper.UpdateClusterAsync(name, c => c.Status == ClusterStatus.Deleting ? c : c with { Reason = transient }).ConfigureAwait(false);
            var ceiling = Health.Backoff.Ceiling(attempt, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
            await Task.Delay(ceiling / 2 + ceiling / 2 * Random.Shared.NextDouble(), _time, _stop.Token).ConfigureAwait(false);
        }
    }

    private const int MaxSetUpAttempts = 6;

    private async Task FailAsync(string name, string reason)
    {
        AgentLog.Failed(_logger, name, reason);
        await Keeper.UpdateClusterAsync(name, c => c.Status == ClusterStatus.Deleting ? c : c with { Status = ClusterStatus.Failed, Reason = reason }).ConfigureAwait(false);
    }

    /// <summary>Starts a cluster's endpoint on its port; when someone else holds it, on a new one (state and kubeconfig follow).</summary>
    private async Task StartEndpointAsync(SimulatedCluster cluster, int port, CancellationToken cancellationToken)
    {
        ClusterEndpoint endpoint;
        try
        {
            endpoint = await ClusterEndpoint.StartAsync(cluster, port, Shared!, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException) when (port != 0)
        {
            endpoint = await ClusterEndpoint.StartAsync(cluster, 0, Shared!, cancellationToken).ConfigureAwait(false);
            AgentLog.PortMoved(_logger, cluster.Name, port, endpoint.Port);
        }
        _endpoints[cluster.Name] = endpoint;
        // The kubeconfig first: whoever sees the state say "moved" finds the kubeconfig already pointing there.
        WriteKubeconfig(cluster with { Port = endpoint.Port });
        if (endpoint.Port != cluster.Port)
        {
            var moved = endpoint.Port;
            await Keeper.UpdateClusterAsync(cluster.Name, c => c with { Port = moved, Reason = $"port {port} was taken by another program; the endpoint moved to {moved}" }).ConfigureAwait(false);
        }
        AgentLog.EndpointStarted(_logger, cluster.Name, endpoint.Port);
    }

    private void WriteKubeconfig(SimulatedCluster cluster)
    {
        var path = _options.KubeconfigPath(cluster.Name);
        PrivateFile.CreateDirectory(Path.GetDirectoryName(path)!);
        ProxyKubeconfig.Write(path, $"simulated-{cluster.Name}", $"https://127.0.0.1:{cluster.Port}", _certificate!.CaPem, cluster.Token, cluster.Namespace);
    }

    private async Task FinishDeleteAsync(string name, string why)
    {
        if (_endpoints.TryRemove(name, out var endpoint))
        {
            await endpoint.DisposeAsync().ConfigureAwait(false);
        }
        _settled.TryRemove(name, out _);
        try
        {
            await StopRancherAsync(name).ConfigureAwait(false);
            await _populator!.RemoveAsync(name, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MainApiException or HttpRequestException)
        {
            // Kept as "deleting" with the reason: the reconcile loop tries again.
            await Keeper.UpdateClusterAsync(name, c => c with { Reason = $"deletion waits for the main cluster: {e.Message}" }).ConfigureAwait(false);
            throw new AgentRequestException(502, $"cluster '{name}' is marked for deletion, but the main cluster refused: {e.Message}");
        }
        var folder = Path.GetDirectoryName(_options.KubeconfigPath(name))!;
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        await Keeper.UpdateAsync(s => s with { Clusters = s.Clusters.Remove(name) }).ConfigureAwait(false);
        AgentLog.Deleted(_logger, name, why);
    }

    private async Task LoopAsync(TimeSpan interval, Func<Task> pass)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _time, _stop.Token).ConfigureAwait(false);
                await pass().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // One failed pass (a port that could not be bound, a disk error) must not end self-healing for good.
                AgentLog.PassFailed(_logger, e.Message);
            }
        }
    }

    /// <summary>
    /// One reconcile pass: a tenant namespace deleted by hand deletes the cluster; otherwise drifted node status and missing
    /// objects are repaired. Only clusters set up by this run are checked, so a restart never mistakes "not yet re-populated"
    /// for "deleted by hand". Clusters stuck in deletion are retried.
    /// </summary>
    public async Task ReconcileAllAsync()
    {
        foreach (var cluster in Keeper.Current.Clusters.Values)
        {
            try
            {
                if (cluster.Status == ClusterStatus.Deleting)
                {
                    await FinishDeleteAsync(cluster.Name, "deletion retried").ConfigureAwait(false);
                }
                else if (cluster.Status == ClusterStatus.Failed)
                {
                    await SetUpAsync(cluster.Name).ConfigureAwait(false);
                }
                else if (_settled.ContainsKey(cluster.Name) && !await _populator!.NamespaceExistsAsync(cluster.Name, _stop.Token).ConfigureAwait(false))
                {
                    await Keeper.UpdateClusterAsync(cluster.Name, c => c with { Status = ClusterStatus.Deleting }).ConfigureAwait(false);
                    await FinishDeleteAsync(cluster.Name, $"its namespace {cluster.Namespace} was deleted").ConfigureAwait(false);
                }
                else if (_settled.ContainsKey(cluster.Name))
                {
                    var result = await _populator!.EnsureAsync(cluster.Name, createNamespace: false, _stop.Token).ConfigureAwait(false);
                    if (result.Repairs > 0)
                    {
                        AgentLog.Repaired(_logger, cluster.Name, result.Repairs);
                    }
                }
            }
            catch (Exception e) when (e is MainApiException or HttpRequestException or AgentRequestException)
            {
                AgentLog.ReconcileFailed(_logger, cluster.Name, e.Message);
            }
        }
    }

    /// <summary>
    /// Checks every endpoint (<see cref="EndpointProbe"/>); one that is not ours any more (its listener died, perhaps
    /// another program took the port) is restarted: on its port, else on a new one (state and kubeconfig follow).
    /// </summary>
    public async Task ProbeAllAsync()
    {
        foreach (var (name, endpoint) in _endpoints)
        {
            if (await EndpointProbe.AnswersAsOursAsync(endpoint.Port, _certificate!.Server, _stop.Token).ConfigureAwait(false))
            {
                continue;
            }
            AgentLog.EndpointRestart(_logger, name, endpoint.Port);
            await endpoint.DisposeAsync().ConfigureAwait(false);
            // A deletion may have removed it meanwhile: only a cluster still in the state gets its endpoint back.
            if (Get(name) is { Status: not ClusterStatus.Deleting } cluster && _endpoints.TryGetValue(name, out var current) && ReferenceEquals(current, endpoint))
            {
                await StartEndpointAsync(cluster, endpoint.Port, _stop.Token).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The endpoint serving a cluster now (tests stop its listener behind the agent's back, as a crash would).</summary>
    internal ClusterEndpoint? EndpointOf(string name) => _endpoints.GetValueOrDefault(name);
}
