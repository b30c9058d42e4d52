using System.Text.Json.Nodes;

namespace Kubelink.Sidecar.GraphQL.Schema;

/// <summary>
/// Plural and scope of each kind read from the document's own <c>paths</c>: a list operation
/// (<c>x-kubernetes-action: list</c>) at <c>…/namespaces/{namespace}/pods</c> says "pods, namespaced". Real
/// <c>/openapi/v2</c> documents carry no scope on their definitions, so this is how a raw document becomes a schema.
/// </summary>
internal static class ResourcePaths
{
    public static IReadOnlyDictionary<(string, string, string), (string Plural, bool Namespaced)> Index(JsonObject? paths)
    {
        var index = new Dictionary<(string, string, string), (string, bool)>();
        foreach (var (path, item) in paths ?? [])
        {
            if (item?["get"] is not JsonObject get || get["x-kubernetes-action"]?.ToString() != "list"
                || get["x-kubernetes-group-version-kind"] is not JsonObject gvk || path.Contains("/watch/", StringComparison.Ordinal))
            {
                continue;
            }
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var plural = segments[^1];
            if (plural.Contains('{', StringComparison.Ordinal))
            {
                continue;
            }
            var key = (gvk["group"]?.ToString() ?? "", gvk["version"]?.ToString() ?? "", gvk["kind"]?.ToString() ?? "");
            var namespaced = path.Contains("/namespaces/{namespace}/", StringComparison.Ordinal);
            // Both the all-namespaces and the per-namespace list exist for namespaced kinds: namespaced wins.
            if (!index.TryGetValue(key, out var existing) || (namespaced && !existing.Item2))
            {
                index[key] = (plural, namespaced);
            }
        }
        return index;
    }
}
