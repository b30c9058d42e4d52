using System.Text.Json.Nodes;

namespace Kubelink.Sidecar.Simulated;

/// <summary>
/// The objects of one tenant, made from the template. Names are fixed by the cluster name and an index, so re-running any
/// step after a crash finds what exists instead of making a second copy.
/// </summary>
internal sealed class TenantObjects(string cluster, ClusterTemplate template)
{
    /// <summary>The label every node of the tenant carries (what tenant scoping and clean-up select on).</summary>
    public const string ClusterLabel = "cluster-id";

    public string Namespace { get; } = ClusterName.Namespace(cluster);

    public IEnumerable<string> NodeNames => Enumerable.Range(1, template.Nodes.Count).Select(i => $"{cluster}-node{i}");

    public IEnumerable<string> PodNames => Enumerable.Range(1, template.Pods.Count).Select(i => $"{cluster}-pod{i}");

    public string NodeSelector => $"{ClusterLabel}={cluster}";

    public JsonObject NamespaceObject() => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = Namespace, ["labels"] = new JsonObject { [ClusterLabel] = cluster, ["logical-cluster"] = cluster } },
    };

    public JsonObject Node(int index)
    {
        var roles = template.Nodes.Roles;
        var role = index == 1 ? roles[0] : roles[^1];
        var labels = new JsonObject
        {
            [ClusterLabel] = cluster,
            ["logical-cluster"] = cluster,
            ["type"] = "kwok",
            ["kubernetes.io/hostname"] = $"{cluster}-node{index}",
            [$"node-role.kubernetes.io/{role}"] = "",
        };
        foreach (var (key, value) in template.Nodes.Labels)
        {
            labels[key] = value;
        }
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{cluster}-node{index}",
                ["labels"] = labels,
                ["annotations"] = new JsonObject { ["kwok.x-k8s.io/node"] = "fake" },
            },
            ["spec"] = new JsonObject(),
        };
    }

    /// <summary>Capacity and allocatable go through the status subresource: a create drops status, as a real API server does.</summary>
    public JsonObject NodeStatus() => new()
    {
        ["status"] = new JsonObject
        {
            ["capacity"] = Quantities(template.Nodes.Capacity),
            ["allocatable"] = Quantities(template.Nodes.Allocatable),
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "KubeletReady" }),
        },
    };

    /// <summary>Whether a node's status still says what the template says (the reconcile loop re-patches when not).</summary>
    public bool StatusMatches(JsonObject node) =>
        Same(node["status"]?["capacity"], template.Nodes.Capacity) && Same(node["status"]?["allocatable"], template.Nodes.Allocatable);

    public JsonObject Pod(int index)
    {
        var resources = new JsonObject { ["requests"] = Quantities(template.Pods.Requests), ["limits"] = Quantities(template.Pods.Limits) };
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = $"{cluster}-pod{index}", ["namespace"] = Namespace, ["labels"] = new JsonObject { ["app"] = "simulated", [ClusterLabel] = cluster } },
            ["spec"] = new JsonObject
            {
                ["nodeName"] = $"{cluster}-node{(index - 1) % template.Nodes.Count + 1}",
                ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = template.Pods.Image, ["resources"] = resources }),
            },
        };
    }

    public JsonObject RunningStatus(DateTimeOffset now) => new()
    {
        ["status"] = new JsonObject
        {
            ["phase"] = "Running",
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True" }),
            ["containerStatuses"] = new JsonArray(new JsonObject
            {
                ["name"] = "main",
                ["ready"] = true,
                ["started"] = true,
                ["restartCount"] = 0,
                ["image"] = template.Pods.Image,
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) } },
            }),
        },
    };

    private static JsonObject Quantities(Dictionary<string, string> values) => new(values.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));

    private static bool Same(JsonNode? actual, Dictionary<string, string> expected) =>
        actual is JsonObject found && found.Count == expected.Count && expected.All(p => found[p.Key]?.ToString() == p.Value);
}
