using System.Text.Json.Nodes;

namespace Kubelink.Simulator.Rbac;

/// <summary>One RBAC rule, parsed once per RBAC change rather than per request.</summary>
internal sealed record PolicyRule(
    string[] Verbs, string[] ApiGroups, string[] Resources, string[] ResourceNames, string[] NonResourceUrls)
{
    public static PolicyRule Parse(JsonNode? node) => new(
        Strings(node?["verbs"]), Strings(node?["apiGroups"]), Strings(node?["resources"]),
        Strings(node?["resourceNames"]), Strings(node?["nonResourceURLs"]));

    public static PolicyRule Resource(string[] apiGroups, string[] resources, string[] verbs) => new(verbs, apiGroups, resources, [], []);

    public static PolicyRule NonResource(string[] urls, string[] verbs) => new(verbs, [], [], [], urls);

    public bool IsResourceRule => Resources.Length > 0 || ApiGroups.Length > 0;

    public JsonObject ToJson()
    {
        var rule = new JsonObject { ["verbs"] = Array(Verbs) };
        if (NonResourceUrls.Length > 0)
        {
            rule["nonResourceURLs"] = Array(NonResourceUrls);
        }
        if (IsResourceRule || NonResourceUrls.Length == 0)
        {
            rule["apiGroups"] = Array(ApiGroups);
            rule["resources"] = Array(Resources);
        }
        if (ResourceNames.Length > 0)
        {
            rule["resourceNames"] = Array(ResourceNames);
        }
        return rule;
    }

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());

    private static string[] Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(v => v?.ToString() ?? "").ToArray() : [];
}

/// <summary>A binding subject.</summary>
internal sealed record Subject(string Kind, string Name, string? Namespace);

/// <summary>A RoleBinding (with a namespace) or ClusterRoleBinding (without).</summary>
internal sealed record Binding(string? Namespace, string Name, string RoleKind, string RoleName, Subject[] Subjects)
{
    public string Describe() => Namespace is null ? $"ClusterRoleBinding \"{Name}\"" : $"RoleBinding \"{Name}/{Namespace}\"";

    public static Binding Parse(JsonObject obj, string? ns)
    {
        var subjects = (obj["subjects"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(s => new Subject(s["kind"]?.ToString() ?? "", s["name"]?.ToString() ?? "", s["namespace"]?.ToString()))
            .ToArray();
        return new Binding(ns, obj["metadata"]?["name"]?.ToString() ?? "",
            obj["roleRef"]?["kind"]?.ToString() ?? "", obj["roleRef"]?["name"]?.ToString() ?? "", subjects);
    }
}
