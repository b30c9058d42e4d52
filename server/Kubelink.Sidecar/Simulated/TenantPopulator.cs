using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Simulated;

/// <summary>
/// Puts a tenant on the main cluster and keeps it as the template says. Every step looks before it writes, so the same
/// call creates a new tenant, finishes one interrupted by a crash, and repairs one someone changed by hand (a deleted pod,
/// a node status edited): that is also the reconcile loop's one pass.
/// </summary>
internal sealed class TenantPopulator(MainApi api, ClusterTemplate template, TimeProvider time, ILogger logger)
{
    /// <summary>Nodes and pods the tenant holds after the pass, and how many objects had to be written.</summary>
    internal readonly record struct Result(int Nodes, int Pods, int Repairs);

    public async Task<Result> EnsureAsync(string cluster, bool createNamespace, CancellationToken cancellationToken)
    {
        var objects = new TenantObjects(cluster, template);
        var repairs = 0;
        if (createNamespace && await api.CreateAsync("api/v1/namespaces", objects.NamespaceObject(), cancellationToken).ConfigureAwait(false))
        {
            AgentLog.Wrote(logger, cluster, "namespace", objects.Namespace);
            repairs++;
        }

        var nodes = (await api.ListAsync($"api/v1/nodes?labelSelector={Uri.EscapeDataString(objects.NodeSelector)}", cancellationToken).ConfigureAwait(false))
            .OfType<JsonObject>().ToDictionary(n => n["metadata"]?["name"]?.ToString() ?? "", StringComparer.Ordinal);
        var index = 0;
        foreach (var name in objects.NodeNames)
        {
            index++;
            var existing = nodes.GetValueOrDefault(name);
            if (existing is null)
            {
                await api.CreateAsync("api/v1/nodes", objects.Node(index), cancellationToken).ConfigureAwait(false);
                AgentLog.Wrote(logger, cluster, "node", name);
                repairs++;
            }
            if (existing is null || !objects.StatusMatches(existing))
            {
                await api.MergePatchAsync($"api/v1/nodes/{name}/status", objects.NodeStatus(), cancellationToken).ConfigureAwait(false);
                AgentLog.Wrote(logger, cluster, "node status", name);
                repairs++;
            }
        }

        var pods = (await api.ListAsync($"api/v1/namespaces/{objects.Namespace}/pods", cancellationToken).ConfigureAwait(false))
            .OfType<JsonObject>().Select(p => p["metadata"]?["name"]?.ToString()).ToHashSet(StringComparer.Ordinal);
        index = 0;
        foreach (var name in objects.PodNames)
        {
            index++;
            if (!pods.Contains(name))
            {
                await api.CreateAsync($"api/v1/namespaces/{objects.Namespace}/pods", objects.Pod(index), cancellationToken).ConfigureAwait(false);
                AgentLog.Wrote(logger, cluster, "pod", name);
                await api.MergePatchAsync($"api/v1/namespaces/{objects.Namespace}/pods/{name}/status", objects.RunningStatus(time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                AgentLog.Wrote(logger, cluster, "pod status", name);
                repairs += 2;
            }
        }
        return new Result(template.Nodes.Count, template.Pods.Count, repairs);
    }

    /// <summary>Whether the tenant namespace is still there (someone may have deleted it by hand).</summary>
    public async Task<bool> NamespaceExistsAsync(string cluster, CancellationToken cancellationToken) =>
        await api.GetAsync($"api/v1/namespaces/{ClusterName.Namespace(cluster)}", cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Removes the tenant's nodes (cluster-scoped, so selected by label) and its namespace with everything in it.</summary>
    public async Task RemoveAsync(string cluster, CancellationToken cancellationToken)
    {
        var objects = new TenantObjects(cluster, template);
        var nodes = await api.ListAsync($"api/v1/nodes?labelSelector={Uri.EscapeDataString(objects.NodeSelector)}", cancellationToken).ConfigureAwait(false);
        foreach (var node in nodes.OfType<JsonObject>())
        {
            await api.DeleteAsync($"api/v1/nodes/{node["metadata"]?["name"]}", cancellationToken).ConfigureAwait(false);
        }
        await api.DeleteAsync($"api/v1/namespaces/{objects.Namespace}", cancellationToken).ConfigureAwait(false);
    }
}
