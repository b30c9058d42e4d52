using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Kube;

namespace Kubelink.Sidecar.Clusters.Activation;

internal sealed record AccessCheckResult(bool IsAdmin, bool CanWatchAll, bool CanListAll, IReadOnlyList<string> Namespaces, string NamespaceSource, IReadOnlyList<ApiResource> Resources);

/// <summary>
/// The independent checks, run concurrently (the seed runs them one after another): admin (create * in kube-system),
/// global watch (watch * cluster-wide), list-all (lets the per-namespace reviews be skipped), namespaces, discovery.
/// Each reports its own stage as it finishes.
/// </summary>
internal static class AccessChecks
{
    public static async Task<AccessCheckResult> RunAsync(
        KubeApi api, ClusterSession session, Func<ClusterSession, string, string, StageLevel, Task> stage, string discoveryCache, CancellationToken cancellationToken)
    {
        var admin = api.CanAsync("create", "kube-system", cancellationToken);
        var watch = api.CanAsync("watch", null, cancellationToken);
        var listAll = api.CanAsync("list", null, cancellationToken);
        var namespaces = NamespaceResolver.ResolveAsync(api, session.AccessibleNamespaces, session.Entry.Namespace, cancellationToken);
        var discovery = ApiDiscovery.DiscoverAsync(api, discoveryCache, cancellationToken);

        var isAdmin = await admin.ConfigureAwait(false);
        await stage(session, "admin", isAdmin ? "Admin: may create anything in kube-system." : "Not a cluster admin.", StageLevel.Info).ConfigureAwait(false);
        var canWatch = await watch.ConfigureAwait(false);
        await stage(session, "watch", canWatch ? "May watch every resource cluster-wide." : "May not watch everything cluster-wide; views watch per namespace.", StageLevel.Info).ConfigureAwait(false);
        var (names, source) = await namespaces.ConfigureAwait(false);
        await stage(session, "namespaces", NamespaceMessage(names, source), source is "list" or "configured" ? StageLevel.Info : StageLevel.Warning).ConfigureAwait(false);
        var (resources, fromCache) = await discovery.ConfigureAwait(false);
        await stage(session, "discovery", fromCache ? $"Discovery failed; using the last known list of {resources.Count} kinds." : $"Discovered {resources.Count} LIST-able kinds.", fromCache ? StageLevel.Warning : StageLevel.Info).ConfigureAwait(false);
        return new AccessCheckResult(isAdmin, canWatch, await listAll.ConfigureAwait(false), names, source, resources);
    }

    private static string NamespaceMessage(IReadOnlyList<string> names, string source) => source switch
    {
        "configured" => $"{names.Count} namespaces from the settings.",
        "list" => $"{names.Count} namespaces listed from the cluster.",
        "kubeconfig" => $"May not list namespaces; using the kubeconfig's namespace '{names[0]}'.",
        _ => "May not list namespaces and the kubeconfig names none; add accessible namespaces in the settings.",
    };
}
