using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.Lifecycle;
using Kubelink.Sidecar.Rpc;
using Kubelink.Sidecar.Sources;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Kubeconfig;

/// <summary>The kubeconfig source's own RPC surface: the user's sync paths.</summary>
internal sealed class KubeconfigHandler(KubeconfigSync sync, ClusterCatalog catalog, SessionState session) : IRpcTarget
{
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

        await sync.SetSyncPathsAsync(request.Paths, cancellationToken).ConfigureAwait(false);
        return new CatalogListResult { Clusters = catalog.Current.Entries };
    }
}
