using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Protocol.Resources;
using Kubelink.Sidecar.Clusters;
using Kubelink.Sidecar.Kube;
using Kubelink.Sidecar.Resources.Rows;
using Kubelink.Sidecar.Rpc;

namespace Kubelink.Sidecar.Resources;

/// <summary>
/// Which caches a view needs, decided by the permission map from activation: one cluster-wide cache filtered by namespace
/// when LIST is allowed cluster-wide, else one cache per allowed namespace (merged when no namespace is asked for).
/// </summary>
internal sealed record ResourceScope(IReadOnlyList<ResourceKey> Keys, string? Filter, RowKind Kind, IReadOnlyList<ResourceColumn> Columns)
{
    public static ClusterSession ReadySession(ClusterService clusters, string clusterId)
    {
        var session = clusters.Find(clusterId);
        if (session is null || session.Info.Status != ClusterStatus.Ready)
        {
            var status = session?.Info.Status ?? ClusterStatus.Disconnected;
            throw RpcErrors.Create(ErrorCodes.ClusterNotReady, $"Cluster '{clusterId}' is not connected (status: {status.ToString().ToLowerInvariant()}). Connect it, then open the view again.");
        }

        return session;
    }

    public static ResourceScope Resolve(ClusterSession session, string group, string version, string resource, string? ns)
    {
        var info = session.Info;
        var kindName = group.Length == 0 ? resource : $"{resource}.{group}";
        // LIST permission does not depend on the version, so any served version of the kind may be asked for.
        var entry = info.ListableResources.FirstOrDefault(r => r.Group == group && r.Resource == resource);
        if (entry is null)
        {
            var pending = info.PermissionsComplete ? "" : " Permission checks are still running: try again in a moment.";
            throw NotListable($"'{kindName}' is not LIST-able on cluster '{session.Id}': the permissions checked at connect allow no LIST of it anywhere.{pending} Ask a cluster admin for list rights, then refresh the cluster.");
        }

        var kind = RowKinds.For(group, resource);
        var columns = kind.Columns(entry.Namespaced);
        ResourceKey Key(string? keyNamespace) => new(session.Id, group, version, resource, keyNamespace);
        if (!entry.Namespaced)
        {
            return new ResourceScope([Key(null)], null, kind, columns);
        }

        if (entry.AllNamespaces)
        {
            return new ResourceScope([Key(null)], ns, kind, columns);
        }

        if (ns is not null)
        {
            return entry.Namespaces.Contains(ns, StringComparer.Ordinal)
                ? new ResourceScope([Key(ns)], null, kind, columns)
                : throw NotListable($"'{kindName}' is not LIST-able in namespace '{ns}' on cluster '{session.Id}'; it is in: {string.Join(", ", entry.Namespaces)}. Pick one of those, or ask a cluster admin for list rights in '{ns}'.");
        }

        return new ResourceScope(entry.Namespaces.Select(n => Key(n)).ToList(), null, kind, columns);
    }

    private static StreamJsonRpc.LocalRpcException NotListable(string message) => RpcErrors.Create(ErrorCodes.ResourceNotListable, message);
}
