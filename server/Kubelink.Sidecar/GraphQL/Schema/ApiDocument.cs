using System.Text.Json.Nodes;

namespace Kubelink.Sidecar.GraphQL.Schema;

/// <summary>One addressable kind of the target: where it lives in the API and which definition describes it.</summary>
internal sealed record ApiResource(string Group, string Version, string Kind, string Plural, bool Namespaced, string Definition)
{
    /// <summary>The collection path, with <c>{namespace}</c> filled in when the kind is namespaced and one is given.</summary>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return Namespaced && !string.IsNullOrEmpty(ns) ? $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}" : $"{root}/{Plural}";
    }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
}

/// <summary>
/// The schema document of one cluster, in either shape it arrives: Swagger 2 (<c>definitions</c>, as <c>/openapi/v2</c> and the
/// original listener's files) or OpenAPI 3 (<c>components.schemas</c>, merged over every group-version). References are reduced
/// to bare definition names so the type factory does not care which.
/// </summary>
internal sealed class ApiDocument
{
    private ApiDocument(Dictionary<string, JsonObject> definitions, IReadOnlyList<ApiResource> resources)
    {
        Definitions = definitions;
        Resources = resources;
    }

    public IReadOnlyDictionary<string, JsonObject> Definitions { get; }

    public IReadOnlyList<ApiResource> Resources { get; }

    /// <summary>The definition name a <c>$ref</c> points at, whatever the document's version.</summary>
    public static string RefName(string reference) => reference[(reference.LastIndexOf('/') + 1)..];

    public static ApiDocument Parse(JsonObject document)
    {
        var source = document["definitions"] as JsonObject ?? document["components"]?["schemas"] as JsonObject ?? [];
        var definitions = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (name, schema) in source)
        {
            if (schema is JsonObject obj)
            {
                definitions[name] = obj;
            }
        }
        var fromPaths = ResourcePaths.Index(document["paths"] as JsonObject);
        var resources = new List<ApiResource>();
        foreach (var (name, schema) in definitions)
        {
            if (ResourceOf(name, schema, fromPaths) is { } resource)
            {
                resources.Add(resource);
            }
        }
        // Deterministic order: the schema (and its introspection) must not depend on the file's key order.
        resources.Sort((a, b) => string.CompareOrdinal($"{a.Group}/{a.Version}/{a.Kind}", $"{b.Group}/{b.Version}/{b.Kind}"));
        return new ApiDocument(definitions, resources);
    }

    // A definition is a resource only with exactly one group-version-kind (shared types such as DeleteOptions carry many),
    // and not a list kind (those are the list query's envelope, not something to address).
    private static ApiResource? ResourceOf(string name, JsonObject schema, IReadOnlyDictionary<(string, string, string), (string Plural, bool Namespaced)> fromPaths)
    {
        if (schema["x-kubernetes-group-version-kind"] is not JsonArray { Count: 1 } gvks || gvks[0] is not JsonObject gvk)
        {
            return null;
        }
        var group = gvk["group"]?.ToString() ?? "";
        var version = gvk["version"]?.ToString() ?? "";
        var kind = gvk["kind"]?.ToString() ?? "";
        if (kind.Length == 0 || version.Length == 0 || kind.EndsWith("List", StringComparison.Ordinal))
        {
            return null;
        }
        if (schema["x-kubelink-plural"]?.ToString() is { Length: > 0 } plural)
        {
            return new ApiResource(group, version, kind, plural, schema["x-kubernetes-scope"]?.ToString() != "Cluster", name);
        }
        if (fromPaths.TryGetValue((group, version, kind), out var found))
        {
            return new ApiResource(group, version, kind, found.Plural, found.Namespaced, name);
        }
        // A file from the original listener: scope from discovery, no plural. Without either the kind cannot be addressed.
        return schema["x-kubernetes-scope"]?.ToString() is { } scope
            ? new ApiResource(group, version, kind, Pluralize(kind), scope != "Cluster", name)
            : null;
    }

    /// <summary>English plural of a kind, lower case, as Kubernetes names resources (Ingress → ingresses, Policy → policies).</summary>
    public static string Pluralize(string kind)
    {
        var lower = kind.ToLowerInvariant();
        if (lower.EndsWith('s') || lower.EndsWith('x') || lower.EndsWith("ch", StringComparison.Ordinal) || lower.EndsWith("sh", StringComparison.Ordinal))
        {
            return lower + "es";
        }
        return lower.EndsWith('y') && lower.Length > 1 && !"aeiou".Contains(lower[^2], StringComparison.Ordinal) ? lower[..^1] + "ies" : lower + "s";
    }
}
