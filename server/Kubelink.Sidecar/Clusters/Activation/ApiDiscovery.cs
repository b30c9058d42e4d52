using System.Text.Json;
using System.Text.Json.Nodes;
using Kubelink.Sidecar.Kube;

namespace Kubelink.Sidecar.Clusters.Activation;

/// <summary>
/// Lists the server's resource kinds: aggregated discovery (two requests) when offered, else <c>/api</c>, <c>/apis</c> and
/// every group's preferred version with bounded concurrency. The last good list is kept on disk: a failed discovery
/// falls back to it, across restarts too (the seed keeps it only in memory).
/// </summary>
internal static class ApiDiscovery
{
    private const int Concurrency = 8;

    public static async Task<(IReadOnlyList<ApiResource> Resources, bool FromCache)> DiscoverAsync(KubeApi api, string cacheFile, CancellationToken cancellationToken)
    {
        try
        {
            var resources = await TryAggregatedAsync(api, cancellationToken).ConfigureAwait(false) ?? await PerGroupAsync(api, cancellationToken).ConfigureAwait(false);
            IO.PrivateFile.Write(cacheFile, JsonSerializer.SerializeToUtf8Bytes(resources));
            return (resources, false);
        }
        catch (Exception e) when (e is KubeApiException or JsonException or HttpRequestException && File.Exists(cacheFile))
        {
            var cached = JsonSerializer.Deserialize<List<ApiResource>>(await File.ReadAllTextAsync(cacheFile, cancellationToken).ConfigureAwait(false)) ?? [];
            return (cached, true);
        }
    }

    private static async Task<List<ApiResource>?> TryAggregatedAsync(KubeApi api, CancellationToken cancellationToken)
    {
        var core = api.GetAsync("api", KubeApi.AggregatedDiscovery, cancellationToken);
        var groups = api.GetAsync("apis", KubeApi.AggregatedDiscovery, cancellationToken);
        var results = await Task.WhenAll(core, groups).ConfigureAwait(false);
        if (results.Any(r => r.ContentType?.Contains("apidiscovery", StringComparison.Ordinal) != true))
        {
            return null;
        }

        var list = new List<ApiResource>();
        foreach (var group in results.SelectMany(r => r.Body["items"]?.AsArray() ?? []))
        {
            var name = group?["metadata"]?["name"]?.GetValue<string>() ?? "";
            var preferred = group?["versions"]?.AsArray().FirstOrDefault();
            var version = preferred?["version"]?.GetValue<string>() ?? "v1";
            foreach (var r in preferred?["resources"]?.AsArray() ?? [])
            {
                if (r is not null && Lists(r["verbs"]))
                {
                    list.Add(new ApiResource(name, version, r["resource"]!.GetValue<string>(), r["responseKind"]?["kind"]?.GetValue<string>() ?? "", r["scope"]?.GetValue<string>() == "Namespaced"));
                }
            }
        }

        return list;
    }

    private static async Task<List<ApiResource>> PerGroupAsync(KubeApi api, CancellationToken cancellationToken)
    {
        var groupVersions = new List<(string Group, string Version, string Path)> { ("", "v1", "api/v1") };
        var (apis, _) = await api.GetAsync("apis", null, cancellationToken).ConfigureAwait(false);
        foreach (var g in apis["groups"]?.AsArray() ?? [])
        {
            var gv = g?["preferredVersion"]?["groupVersion"]?.GetValue<string>();
            if (gv is not null)
            {
                groupVersions.Add((g!["name"]!.GetValue<string>(), g["preferredVersion"]!["version"]!.GetValue<string>(), "apis/" + gv));
            }
        }

        var results = new List<ApiResource>[groupVersions.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, groupVersions.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var (group, version, path) = groupVersions[i];
            var (body, _) = await api.GetAsync(path, null, ct).ConfigureAwait(false);
            results[i] = (body["resources"]?.AsArray() ?? [])
                .Where(r => r is not null && !r["name"]!.GetValue<string>().Contains('/') && Lists(r["verbs"]))
                .Select(r => new ApiResource(group, version, r!["name"]!.GetValue<string>(), r["kind"]?.GetValue<string>() ?? "", r["namespaced"]?.GetValue<bool>() == true))
                .ToList();
        }).ConfigureAwait(false);
        return results.SelectMany(r => r).ToList();
    }

    private static bool Lists(JsonNode? verbs) => verbs?.AsArray().Any(v => v?.GetValue<string>() == "list") == true;
}
