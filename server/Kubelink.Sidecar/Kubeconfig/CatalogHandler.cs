using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.Lifecycle;
using Kubelink.Sidecar.Rpc;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Kubeconfig;

/// <summary>The catalog's RPC surface.</summary>
internal sealed class CatalogHandler(KubeconfigSync sync, SessionState session) : IRpcTarget
{
    [JsonRpcMethod(Methods.CatalogList)]
    public async Task<CatalogListResult> ListAsync(CancellationToken cancellationToken)
    {
        session.EnsureRunning(Methods.CatalogList);
        await sync.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new CatalogListResult { Clusters = sync.Current.Entries };
    }

    [JsonRpcMethod(Methods.CatalogRefresh)]
    public async Task<CatalogListResult> RefreshAsync(CancellationToken cancellationToken)
    {
        session.EnsureRunning(Methods.CatalogRefresh);
        var snapshot = await sync.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return new CatalogListResult { Clusters = snapshot.Entries };
    }

    [JsonRpcMethod(Methods.KubeconfigSetSyncPaths, UseSingleObjectParameterDeserialization = true)]
    public async Task<CatalogListResult> SetSyncPathsAsync(SetSyncPathsParams request, CancellationToken cancellationToken)
    {
        session.EnsureRunning(Methods.KubeconfigSetSyncPaths);
        var relative = request.Paths.FirstOrDefault(p => !Path.IsPathRooted(p) && !p.StartsWith('~'));
        if (relative is not null)
        {
            throw RpcErrors.Create(ErrorCodes.InvalidSettings,
                $"Sync path '{relative}' is relative. Use an absolute path (or one starting with ~) in 'kubelink.kubeconfig.syncPaths'.");
        }

        var snapshot = await sync.SetSyncPathsAsync(request.Paths, cancellationToken).ConfigureAwait(false);
        return new CatalogListResult { Clusters = snapshot.Entries };
    }
}
