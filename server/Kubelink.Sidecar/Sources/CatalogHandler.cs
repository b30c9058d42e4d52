using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.Lifecycle;
using Kubelink.Sidecar.Rpc;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Sources;

/// <summary>The catalog's RPC surface: the merged entries of every source.</summary>
internal sealed class CatalogHandler(ClusterCatalog catalog, SessionState session) : IRpcTarget
{
    [JsonRpcMethod(Methods.CatalogList)]
    public async Task<CatalogListResult> ListAsync(CancellationToken cancellationToken)
    {
        session.EnsureRunning(Methods.CatalogList);
        await catalog.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new CatalogListResult { Clusters = catalog.Current.Entries };
    }

    [JsonRpcMethod(Methods.CatalogRefresh)]
    public async Task<CatalogListResult> RefreshAsync(CancellationToken cancellationToken)
    {
        session.EnsureRunning(Methods.CatalogRefresh);
        var snapshot = await catalog.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return new CatalogListResult { Clusters = snapshot.Entries };
    }
}
