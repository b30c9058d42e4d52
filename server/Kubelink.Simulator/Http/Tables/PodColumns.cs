using System.Text.Json.Nodes;
using static Kubelink.Simulator.Http.Tables.TableColumns;

namespace Kubelink.Simulator.Http.Tables;

/// <summary>Pod and node columns, as kubectl prints them.</summary>
internal static class PodColumns
{
    public static readonly IReadOnlyList<Column> All =
    [
        Common.Name,
        Col("Ready", o => $"{Statuses(o).Count(s => s?["ready"]?.GetValue<bool>() == true)}/{(o["spec"]?["containers"] as JsonArray)?.Count ?? 0}"),
        Col("Status", Status),
        Col("Restarts", o => Statuses(o).Sum(s => (long?)s?["restartCount"]?.GetValue<long>() ?? 0), "integer"),
        Common.Age,
        Col("IP", o => Path(o, "status.podIP") ?? "<none>", priority: 1),
        Col("Node", o => Path(o, "spec.nodeName") ?? "<none>", priority: 1),
        Col("Nominated Node", o => "<none>", priority: 1),
        Col("Readiness Gates", o => "<none>", priority: 1),
    ];

    private static IEnumerable<JsonNode?> Statuses(JsonObject pod) =>
        pod["status"]?["containerStatuses"] as JsonArray ?? [];

    private static JsonNode? Status(JsonObject pod)
    {
        if (pod["metadata"]?["deletionTimestamp"] is not null)
        {
            return "Terminating";
        }
        foreach (var status in Statuses(pod))
        {
            if (status?["state"]?["waiting"]?["reason"]?.ToString() is { Length: > 0 } reason)
            {
                return reason;
            }
        }
        return Path(pod, "status.phase") ?? "Pending";
    }
}

/// <summary>Node columns, as kubectl prints them.</summary>
internal static class NodeColumns
{
    private const string RolePrefix = "node-role.kubernetes.io/";

    public static readonly IReadOnlyList<Column> All =
    [
        Common.Name,
        Col("Status", Ready),
        Col("Roles", Roles),
        Common.Age,
        Col("Version", o => Path(o, "status.nodeInfo.kubeletVersion")),
        Col("Internal-IP", o => Address(o, "InternalIP"), priority: 1),
        Col("External-IP", o => Address(o, "ExternalIP"), priority: 1),
        Col("OS-Image", o => Path(o, "status.nodeInfo.osImage"), priority: 1),
        Col("Kernel-Version", o => Path(o, "status.nodeInfo.kernelVersion"), priority: 1),
        Col("Container-Runtime", o => Path(o, "status.nodeInfo.containerRuntimeVersion"), priority: 1),
    ];

    private static JsonNode? Ready(JsonObject node)
    {
        var ready = (node["status"]?["conditions"] as JsonArray ?? [])
            .FirstOrDefault(c => c?["type"]?.ToString() == "Ready")?["status"]?.ToString();
        var text = ready == "True" ? "Ready" : ready is null ? "Unknown" : "NotReady";
        return node["spec"]?["unschedulable"]?.GetValue<bool>() == true ? text + ",SchedulingDisabled" : text;
    }

    private static JsonNode? Roles(JsonObject node)
    {
        var roles = (node["metadata"]?["labels"] as JsonObject ?? [])
            .Where(p => p.Key.StartsWith(RolePrefix, StringComparison.Ordinal))
            .Select(p => p.Key[RolePrefix.Length..])
            .Where(r => r.Length > 0)
            .OrderBy(r => r, StringComparer.Ordinal)
            .ToList();
        return roles.Count == 0 ? "<none>" : string.Join(",", roles);
    }

    private static JsonNode? Address(JsonObject node, string type) =>
        (node["status"]?["addresses"] as JsonArray ?? [])
            .FirstOrDefault(a => a?["type"]?.ToString() == type)?["address"]?.ToString() ?? "<none>";
}
