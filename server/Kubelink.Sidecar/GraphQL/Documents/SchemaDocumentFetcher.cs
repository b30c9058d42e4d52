using System.Net;
using System.Text.Json.Nodes;
using Kubelink.Sidecar.GraphQL.Execution;

namespace Kubelink.Sidecar.GraphQL.Documents;

/// <summary>
/// Fetches what a schema is built from: OpenAPI v3 per group-version where the server serves it (merged into one set of
/// definitions), else <c>/openapi/v2</c>; then discovery, which tags each kind's definition with its plural, scope and
/// categories. The result is the body of a schema file (<c>{"definitions": …}</c>), without <c>x-cluster-metadata</c>.
/// </summary>
internal static class SchemaDocumentFetcher
{
    public static async Task<JsonObject> FetchAsync(KubeRest api, CancellationToken cancellationToken)
    {
        var definitions = await V3Async(api, cancellationToken).ConfigureAwait(false)
            ?? (await api.GetAsync("/openapi/v2", cancellationToken).ConfigureAwait(false))["definitions"] as JsonObject
            ?? [];
        var discovered = await Discovery.ResourcesAsync(api, cancellationToken).ConfigureAwait(false);
        foreach (var (_, node) in definitions)
        {
            if (node is JsonObject definition && definition["x-kubernetes-group-version-kind"] is JsonArray { Count: 1 } gvks
                && gvks[0] is JsonObject gvk
                && discovered.TryGetValue((gvk["group"]?.ToString() ?? "", gvk["version"]?.ToString() ?? "", gvk["kind"]?.ToString() ?? ""), out var resource))
            {
                definition["x-kubernetes-scope"] = resource.Namespaced ? "Namespaced" : "Cluster";
                definition["x-kubelink-plural"] = resource.Plural;
                definition["x-kubernetes-categories"] = new JsonArray(resource.Categories.Select(c => (JsonNode?)c).ToArray());
            }
        }
        return new JsonObject { ["definitions"] = definitions };
    }

    private static async Task<JsonObject?> V3Async(KubeRest api, CancellationToken cancellationToken)
    {
        JsonObject index;
        try
        {
            index = await api.GetAsync("/openapi/v3", cancellationToken).ConfigureAwait(false);
        }
        catch (KubeCallError e) when (e.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.NotAcceptable)
        {
            return null; // an older server: v2 it is
        }
        var merged = new JsonObject();
        foreach (var (path, entry) in index["paths"] as JsonObject ?? [])
        {
            // Only API group-versions: the index also lists non-resource documents (version, .well-known).
            if (!(path.StartsWith("api/", StringComparison.Ordinal) || path.StartsWith("apis/", StringComparison.Ordinal)) || entry?["serverRelativeURL"]?.ToString() is not { } url)
            {
                continue;
            }
            var document = await api.GetAsync(url, cancellationToken).ConfigureAwait(false);
            foreach (var (name, schema) in document["components"]?["schemas"] as JsonObject ?? [])
            {
                if (!merged.ContainsKey(name) && schema is not null)
                {
                    merged[name] = schema.DeepClone();
                }
            }
        }
        return merged;
    }
}
