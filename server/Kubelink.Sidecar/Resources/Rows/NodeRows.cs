using System.Text.Json;

namespace Kubelink.Sidecar.Resources.Rows;

/// <summary>Nodes: STATUS as kubectl words it, ROLES from the node-role labels, and the instance type, zone and kubelet version.</summary>
internal static class NodeRows
{
    private const string RolePrefix = "node-role.kubernetes.io/";

    public static readonly RowKind Kind = new(
        [
            RowKind.Column("status", "Status"), RowKind.Column("roles", "Roles"), RowKind.Column("instanceType", "Instance type"),
            RowKind.Column("zone", "Zone"), RowKind.Column("kubeletVersion", "Version"),
        ],
        item =>
        [
            ("status", Status(item)),
            ("roles", Roles(item)),
            ("instanceType", Label(item, "node.kubernetes.io/instance-type", "beta.kubernetes.io/instance-type")),
            ("zone", Label(item, "topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone")),
            ("kubeletVersion", item.String("status", "nodeInfo", "kubeletVersion") ?? ""),
        ]);

    private static string Status(JsonElement item)
    {
        var ready = item.Items("status", "conditions").FirstOrDefault(c => c.String("type") == "Ready");
        var status = ready.ValueKind == JsonValueKind.Undefined ? "Unknown" : ready.String("status") switch
        {
            "True" => "Ready",
            "False" => "NotReady",
            _ => "Unknown",
        };
        return item.Flag("spec", "unschedulable") ? status + ",SchedulingDisabled" : status;
    }

    // kubectl reads both node-role.kubernetes.io/<role> (any value) and the older kubernetes.io/role=<role>.
    private static string Roles(JsonElement item)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var label in item.Properties("metadata", "labels"))
        {
            if (label.Name.StartsWith(RolePrefix, StringComparison.Ordinal) && label.Name.Length > RolePrefix.Length)
            {
                roles.Add(label.Name[RolePrefix.Length..]);
            }
            else if (label.Name == "kubernetes.io/role" && label.Value.GetString() is { Length: > 0 } role)
            {
                roles.Add(role);
            }
        }

        return roles.Count == 0 ? "<none>" : string.Join(',', roles);
    }

    private static string Label(JsonElement item, string name, string legacy) =>
        item.String("metadata", "labels", name) ?? item.String("metadata", "labels", legacy) ?? "";
}
