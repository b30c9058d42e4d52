using Kubelink.Sidecar.Simulated.Rancher;

namespace Kubelink.Sidecar.Simulated;

/// <summary>Deletion both ways: the watcher deletes here what Rancher no longer has; a deletion here closes the tunnels and deletes in Rancher.</summary>
internal sealed partial class SimulatedAgent
{
    /// <summary>
    /// One pass of the deletion watcher: a cluster Rancher no longer has (404, or being removed) is deleted here too; a failed
    /// import is tried again. Rancher not answering is no deletion: the pass stops and the next one looks again.
    /// </summary>
    public async Task WatchRancherAsync()
    {
        RancherRun? run;
        lock (_rancherLock)
        {
            run = _run;
        }
        if (run is null)
        {
            return;
        }
        foreach (var cluster in Keeper.Current.Clusters.Values.Where(c => c.Status == ClusterStatus.Ready))
        {
            try
            {
                if (run.Owns(cluster.Rancher) && !_importing.ContainsKey(cluster.Name) && !await run.Api.StillHasAsync(cluster.Rancher.ClusterId!, run.Token).ConfigureAwait(false))
                {
                    await DeleteGoneAsync(cluster.Name, cluster.Rancher.ClusterId!).ConfigureAwait(false);
                }
                else if (cluster.Rancher.State is "failed" or "disabled")
                {
                    StartImport(cluster.Name);
                }
            }
            catch (RancherApiException e)
            {
                RancherLog.WatchFailed(_logger, e.Message);
                return;
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && run.Token.IsCancellationRequested)
            {
                return; // reconfigured during the pass: the new run's next pass looks again
            }
        }
    }

    private async Task DeleteGoneAsync(string name, string clusterId)
    {
        if (await Keeper.UpdateClusterAsync(name, c => c with { Status = ClusterStatus.Deleting, Reason = $"cluster {clusterId} was deleted in Rancher" }).ConfigureAwait(false) is null)
        {
            return;
        }
        try
        {
            await FinishDeleteAsync(name, $"cluster {clusterId} was deleted in Rancher").ConfigureAwait(false);
        }
        catch (AgentRequestException)
        {
            // kept as "deleting" with the reason; the reconcile loop finishes it
        }
    }

    /// <summary>Part of a deletion: closes the tunnels, removes the import's cluster-scoped objects, deletes it in Rancher.</summary>
    private async Task StopRancherAsync(string name)
    {
        if (_tunnels.TryRemove(name, out var tunnels))
        {
            await tunnels.DisposeAsync().ConfigureAwait(false);
        }
        if (Get(name)?.Rancher is not { ClusterId: { } id } rancher)
        {
            return;
        }
        foreach (var collection in ImportManifest.ClusterScopedCollections)
        {
            var selector = Uri.EscapeDataString($"{TenantObjects.ClusterLabel}={name}");
            foreach (var item in await _main!.Api.ListAsync($"{collection}?labelSelector={selector}", _stop.Token).ConfigureAwait(false))
            {
                await _main.Api.DeleteAsync($"{collection}/{item?["metadata"]?["name"]}", _stop.Token).ConfigureAwait(false);
            }
        }
        RancherRun? run;
        lock (_rancherLock)
        {
            run = _run;
        }
        // Only in the Rancher the id belongs to: with the import off or moved elsewhere, the old Rancher keeps it (disconnected).
        if (run is not null && run.Owns(rancher))
        {
            try
            {
                await run.Api.DeleteClusterAsync(id, run.Token).ConfigureAwait(false);
            }
            catch (RancherApiException e)
            {
                RancherLog.DeleteFailed(_logger, name, e.Message); // the local deletion goes on: Rancher shows it disconnected
            }
        }
    }
}
