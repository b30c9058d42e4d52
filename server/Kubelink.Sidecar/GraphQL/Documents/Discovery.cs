using System.Text.Json.Nodes;
using Kubelink.Sidecar.GraphQL.Execution;

namespace Kubelink.Sidecar.GraphQL.Documents;

/// <summary>One discovered resource: what OpenAPI does not say about a kind (its plural, scope and categories).</summary>
internal sealed record DiscoveredResource(string Plural, bool Namespaced, IReadOnlyList<string> Categories);

/// <summary>
/// Discovery by the per-group documents (<c>/api/v1</c>, <c>/apis/{group}/{version}</c>), which every server version serves;
/// aggregated discovery is not needed for three fields per kind.
/// </summary>
internal static class Discovery
{
    public static async Task<Dictionary<(string Group, string Version, string Kind), DiscoveredResource>> ResourcesAsync(KubeRest api, CancellationToken cancellationToken)
    {
        var groupVersions = new List<(string Group, string Version, string Path)>();
        foreach (var version in (await api.GetAsync("/api", cancellationToken).ConfigureAwait(false))["versions"] as JsonArray ?? [])
        {
            groupVersions.Add(("", version!.ToString(), $"/api/{version}"));
        }
        foreach (var group in ((await api.GetAsync("/apis", cancellationToken).ConfigureAwait(false))["groups"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var version in (group["versions"] as JsonArray ?? []).OfType<JsonObject>())
            {
                groupVersions.Add((group["name"]?.ToString() ?? "", version["version"]?.ToString() ?? "", $"/apis/{version["groupVersion"]}"));
            }
        }
        var lists = await Task.WhenAll(groupVersions.Select(async gv => (gv, await api.GetAsync(gv.Path, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
        var result = new Dictionary<(string, string, string), DiscoveredResource>();
        foreach (var ((group, version, _), list) in lists)
        {
            foreach (var resource in (list["resources"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var name = resource["name"]?.ToString() ?? "";
                if (name.Contains('/', StringComparison.Ordinal))
                {
                    continue; // a subresource (pods/log, deployments/scale)
                }
                var categories = (resource["categories"] as JsonArray ?? []).Select(c => c?.ToString() ?? "").ToList();
                result.TryAdd((group, version, resource["kind"]?.ToString() ?? ""), new DiscoveredResource(name, resource["namespaced"]?.GetValue<bool>() ?? true, categories));
            }
        }
        return result;
    }
}
