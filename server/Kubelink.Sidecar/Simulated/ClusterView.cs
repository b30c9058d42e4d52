using System.Text.Json.Nodes;

namespace Kubelink.Sidecar.Simulated;

/// <summary>A cluster as <c>GET /clusters/{name}</c> shows it: everything but the token (which is in its kubeconfig only).</summary>
internal static class ClusterView
{
    public static JsonObject ToJson(SimulatedCluster cluster, AgentOptions options) => new()
    {
        ["name"] = cluster.Name,
        ["status"] = cluster.Status.ToString().ToLowerInvariant(),
        ["reason"] = cluster.Reason,
        ["namespace"] = cluster.Namespace,
        ["endpoint"] = cluster.Port > 0 ? $"https://127.0.0.1:{cluster.Port}" : null,
        ["port"] = cluster.Port,
        ["kubeconfig"] = options.KubeconfigPath(cluster.Name),
        ["readOnly"] = cluster.Endpoint.ReadOnly,
        ["tenantScoped"] = cluster.Endpoint.TenantScoped,
        ["nodes"] = cluster.Nodes,
        ["pods"] = cluster.Pods,
        ["rancher"] = new JsonObject { ["state"] = cluster.Rancher.State, ["clusterId"] = cluster.Rancher.ClusterId, ["reason"] = cluster.Rancher.Reason },
        ["createdAt"] = cluster.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
    };
}
