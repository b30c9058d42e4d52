using System.Text.Json.Nodes;

namespace Kubelink.Simulator.Http.Patching;

/// <summary>
/// JSON merge patch (RFC 7386) and the strategic-merge variant. Strategic merge here honours the
/// <c>$patch</c>, <c>$retainKeys</c>, <c>$setElementOrder</c> and <c>$deleteFromPrimitiveList</c> directives
/// and merges lists of named objects (containers, env, ports, volumes...) by <c>name</c>, which is the patch
/// merge key of most Kubernetes lists; other lists are replaced, as with a merge patch.
/// </summary>
internal static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch, bool strategic)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        if (strategic && patchObject["$patch"]?.ToString() is { } directive)
        {
            if (directive == "delete")
            {
                return null;
            }
            if (directive == "replace")
            {
                var replaced = patchObject.DeepClone().AsObject();
                replaced.Remove("$patch");
                return replaced;
            }
        }
        var result = target is JsonObject targetObject ? targetObject.DeepClone().AsObject() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (strategic && key.StartsWith('$'))
            {
                if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal) && value is JsonArray removals)
                {
                    RemovePrimitives(result, key["$deleteFromPrimitiveList/".Length..], removals);
                }
                continue;
            }
            if (value is null)
            {
                result.Remove(key);
            }
            else if (strategic && value is JsonArray list && result[key] is JsonArray existing && IsNamedList(list) && IsNamedList(existing))
            {
                result[key] = MergeByName(existing, list);
            }
            else
            {
                var merged = Apply(result[key], value, strategic);
                if (merged is null)
                {
                    result.Remove(key);
                }
                else
                {
                    result[key] = merged;
                }
            }
        }
        return result;
    }

    private static bool IsNamedList(JsonArray list) =>
        list.Count > 0 && list.All(item => item is JsonObject obj && (obj["name"] is not null || obj["$patch"] is not null));

    private static JsonArray MergeByName(JsonArray existing, JsonArray patch)
    {
        var result = existing.Select(e => e?.DeepClone()).ToList();
        foreach (var item in patch.OfType<JsonObject>())
        {
            var name = item["name"]?.ToString();
            var index = result.FindIndex(e => e?["name"]?.ToString() == name);
            if (item["$patch"]?.ToString() == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }
                continue;
            }
            if (index >= 0)
            {
                result[index] = Apply(result[index], item, strategic: true);
            }
            else
            {
                result.Add(Apply(null, item, strategic: true));
            }
        }
        return new JsonArray(result.Where(e => e is not null).ToArray());
    }

    private static void RemovePrimitives(JsonObject target, string key, JsonArray removals)
    {
        if (target[key] is JsonArray list)
        {
            var drop = removals.Select(r => r?.ToJsonString()).ToHashSet();
            target[key] = new JsonArray(list.Where(v => !drop.Contains(v?.ToJsonString())).Select(v => v?.DeepClone()).ToArray());
        }
    }
}
