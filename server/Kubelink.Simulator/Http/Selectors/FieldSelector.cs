using Kubelink.Simulator.Discovery;
using Kubelink.Simulator.Storage;

namespace Kubelink.Simulator.Http.Selectors;

/// <summary>
/// <c>?fieldSelector=</c> for the fields the simulator indexes: metadata.name, metadata.namespace, and for pods
/// status.phase and spec.nodeName. Operators <c>=</c>, <c>==</c>, <c>!=</c>, comma-joined.
/// </summary>
internal static class FieldSelector
{
    public static Func<StoredObject, bool>? Parse(string? selector, ResourceType type)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return null;
        }
        var terms = new List<Func<StoredObject, bool>>();
        foreach (var raw in selector.Split(','))
        {
            var term = raw.Trim();
            var negate = term.Contains("!=", StringComparison.Ordinal);
            var parts = term.Split(negate ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
            if (parts.Length != 2)
            {
                throw ApiException.BadRequest($"invalid selector: '{selector}'; can't understand '{term}'");
            }
            var field = parts[0].Trim();
            var expected = parts[1].Trim();
            Func<StoredObject, string?> read = field switch
            {
                "metadata.name" => o => o.Name,
                "metadata.namespace" => o => o.Namespace,
                "status.phase" when type.Plural == "pods" => o => o.Phase ?? "",
                "spec.nodeName" when type.Plural == "pods" => o => o.NodeName ?? "",
                _ when Extra(type) is { } extra && extra.TryGetValue(field, out var path) => o => FromJson(o, path),
                _ => throw ApiException.BadRequest($"field label not supported: {field}"),
            };
            terms.Add(negate ? o => read(o) != expected : o => read(o) == expected);
        }
        return obj => terms.All(t => t(obj));
    }

    // The other fields upstream registers per kind, read from the object (these kinds are never the large ones).
    // A value is the path to read and the text an absent field compares as.
    private static readonly Dictionary<(string, string), Dictionary<string, (string Path, string Missing)>> ExtraFields = new()
    {
        [("", "events")] = Fields("involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
            "reportingComponent", "type").With("source", "source.component", ""),
        [("", "pods")] = Fields("spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.podIP",
            "status.nominatedNodeName").With("spec.hostNetwork", "spec.hostNetwork", "false"),
        [("", "secrets")] = Fields("type"),
        [("", "namespaces")] = Fields("status.phase"),
        [("", "nodes")] = Fields().With("spec.unschedulable", "spec.unschedulable", "false"),
        [("", "services")] = Fields("spec.clusterIP", "spec.type"),
        [("apps", "replicasets")] = Fields("status.replicas"),
        [("batch", "jobs")] = Fields("status.successful"),
    };

    private static Dictionary<string, (string Path, string Missing)>? Extra(ResourceType type) =>
        ExtraFields.GetValueOrDefault((type.Group, type.Plural));

    private static Dictionary<string, (string Path, string Missing)> Fields(params string[] names) =>
        names.ToDictionary(n => n, n => (n, ""));

    private static Dictionary<string, (string Path, string Missing)> With(
        this Dictionary<string, (string Path, string Missing)> fields, string name, string path, string missing)
    {
        fields[name] = (path, missing);
        return fields;
    }

    private static string FromJson(StoredObject obj, (string Path, string Missing) field)
    {
        System.Text.Json.Nodes.JsonNode? node = obj.ToJsonObject();
        foreach (var part in field.Path.Split('.'))
        {
            node = node is System.Text.Json.Nodes.JsonObject parent ? parent[part] : null;
        }
        return node?.ToString() ?? field.Missing;
    }

    /// <summary>Both selectors together; null when neither filters.</summary>
    public static Func<StoredObject, bool>? And(Func<StoredObject, bool>? a, Func<StoredObject, bool>? b) =>
        a is null ? b : b is null ? a : o => a(o) && b(o);
}
