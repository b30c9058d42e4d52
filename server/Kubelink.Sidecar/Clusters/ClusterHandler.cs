using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Health;
using Kubelink.Sidecar.Sources;
using Kubelink.Sidecar.Lifecycle;
using Kubelink.Sidecar.Rpc;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Clusters;

/// <summary>The cluster activation RPC surface.</summary>
internal sealed class ClusterHandler(ClusterService clusters, ClusterCatalog catalog, SessionState session, HealthService health) : IRpcTarget
{
    [JsonRpcMethod(Methods.ClusterActivate, UseSingleObjectParameterDeserialization = true)]
    public async Task<ClusterInfo> ActivateAsync(ClusterActivateParams request, CancellationToken cancellationToken)
    {
        session.EnsureRunning(Methods.ClusterActivate);
        await catalog.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await clusters.ActivateAsync(request.ClusterId, request.AccessibleNamespaces).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    [JsonRpcMethod(Methods.ClusterDeactivate, UseSingleObjectParameterDeserialization = true)]
    public Task DeactivateAsync(ClusterIdParams request)
    {
        session.EnsureRunning(Methods.ClusterDeactivate);
        return clusters.DeactivateAsync(request.ClusterId);
    }

    [JsonRpcMethod(Methods.ClusterRefresh, UseSingleObjectParameterDeserialization = true)]
    public Task<ClusterInfo> RefreshAsync(ClusterIdParams request, CancellationToken cancellationToken)
    {
        session.EnsureRunning(Methods.ClusterRefresh);
        return clusters.RefreshAsync(request.ClusterId).WaitAsync(cancellationToken);
    }

    [JsonRpcMethod(Methods.ClusterGet, UseSingleObjectParameterDeserialization = true)]
    public async Task<ClusterInfo> GetAsync(ClusterIdParams request, CancellationToken cancellationToken)
    {
        session.EnsureRunning(Methods.ClusterGet);
        await catalog.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        return clusters.Get(request.ClusterId);
    }

    [JsonRpcMethod(Methods.ClusterReconnect, UseSingleObjectParameterDeserialization = true)]
    public Task<ClusterHealth> ReconnectAsync(ClusterIdParams request, CancellationToken cancellationToken)
    {
        session.EnsureRunning(Methods.ClusterReconnect);
        return health.ReconnectAsync(request.ClusterId).WaitAsync(cancellationToken);
    }

    [JsonRpcMethod(Methods.ClusterSetDefaultNamespace, UseSingleObjectParameterDeserialization = true)]
    public ClusterInfo SetDefaultNamespace(SetDefaultNamespaceParams request)
    {
        session.EnsureRunning(Methods.ClusterSetDefaultNamespace);
        return clusters.SetDefaultNamespace(request.ClusterId, request.Namespace);
    }
}
