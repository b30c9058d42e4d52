using System.Text.Json.Nodes;
using Kubelink.Simulator.Http;
using Kubelink.Simulator.Storage;

namespace Kubelink.Simulator.Discovery;

/// <summary>
/// Makes CustomResourceDefinitions live: validates them, marks them Established, and registers (or removes)
/// their kinds so they are served and discoverable as soon as the CRD write returns.
/// </summary>
internal sealed class CrdController
{
    public const string Group = "apiextensions.k8s.io";
    public static readonly StorageKey Key = new(Group, "customresourcedefinitions");

    private readonly ResourceRegistry _registry;
    private readonly ObjectStore _store;

    public CrdController(ResourceRegistry registry, ObjectStore store)
    {
        _registry = registry;
        _store = store;
        store.AddAdmission(Admit);
        store.AddListener(OnChange);
    }

    /// <summary>Registers the kinds of every stored CRD (after a state load).</summary>
    public void RegisterAll()
    {
        foreach (var crd in _store.List(Key, null, null, 0, null).Items)
        {
            var json = crd.ToJsonObject();
            var types = TypesOf(json);
            _registry.ReplaceVersions(types[0].StorageKey, types);
        }
    }

    public static IReadOnlyList<ResourceType> TypesOf(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject ?? throw ApiException.Invalid("CustomResourceDefinition", Name(crd), "spec: Required value", Group);
        var group = spec["group"]?.ToString() ?? "";
        var names = spec["names"] as JsonObject ?? [];
        var plural = names["plural"]?.ToString() ?? "";
        var kind = names["kind"]?.ToString() ?? "";
        var namespaced = spec["scope"]?.ToString() != "Cluster";
        var versions = (spec["versions"] as JsonArray ?? []).OfType<JsonObject>().Where(v => v["served"]?.GetValue<bool>() != false).ToList();
        if (group.Length == 0 || plural.Length == 0 || kind.Length == 0 || versions.Count == 0)
        {
            throw ApiException.Invalid("CustomResourceDefinition", Name(crd),
                "spec: Invalid value: group, names.plural, names.kind and at least one served version are required", Group);
        }
        if (Name(crd) != plural + "." + group)
        {
            throw ApiException.Invalid("CustomResourceDefinition", Name(crd),
                $"metadata.name: Invalid value: \"{Name(crd)}\": must be spec.names.plural+\".\"+spec.group", Group);
        }
        return versions.Select(v => new ResourceType(group, v["name"]?.ToString() ?? "v1", plural, kind, namespaced)
        {
            Singular = names["singular"]?.ToString() is { Length: > 0 } singular ? singular : kind.ToLowerInvariant(),
            ShortNames = Strings(names["shortNames"]),
            Categories = Strings(names["categories"]),
            StorageVersion = v["storage"]?.GetValue<bool>() ?? true,
            Subresources = v["subresources"]?["status"] is not null ? ["status"] : [],
            Schema = v["schema"]?["openAPIV3Schema"]?.DeepClone(),
            PrinterColumns = (v["additionalPrinterColumns"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(c => new PrinterColumn(c["name"]?.ToString() ?? "", c["type"]?.ToString() ?? "string",
                    c["jsonPath"]?.ToString() ?? "", c["priority"]?.GetValue<int>() ?? 0))
                .ToList(),
        }).ToList();
    }

    private void Admit(ResourceType type, JsonObject obj, StoredObject? existing)
    {
        if (type.StorageKey != Key)
        {
            return;
        }
        var types = TypesOf(obj);
        var clash = _registry.All.FirstOrDefault(t => t.StorageKey == types[0].StorageKey && t.Schema is null && t.ModelType is not null);
        if (clash is not null)
        {
            throw ApiException.Invalid("CustomResourceDefinition", Name(obj), "spec.group: Invalid value: the group/resource is built in", Group);
        }
        var names = obj["spec"]!["names"]!.DeepClone();
        obj["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(Condition("NamesAccepted", "NoConflicts", "no conflicts found"),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted")),
            ["acceptedNames"] = names,
            ["storedVersions"] = new JsonArray(types.Where(t => t.StorageVersion).Select(t => (JsonNode?)t.Version).Take(1).ToArray()),
        };
    }

    private void OnChange(StoreChange change)
    {
        if (change.Type.StorageKey != Key)
        {
            return;
        }
        var types = TypesOf(change.Object.ToJsonObject());
        var key = types[0].StorageKey;
        if (change.EventType == "DELETED")
        {
            if (_registry.StorageType(key) is { } storage)
            {
                _store.DeleteAll(storage);
            }
            _registry.ReplaceVersions(key, []);
        }
        else
        {
            _registry.ReplaceVersions(key, types);
        }
    }

    private static JsonObject Condition(string type, string reason, string message) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = JsonBytes.Timestamp(DateTimeOffset.UtcNow),
        ["reason"] = reason,
        ["message"] = message,
    };

    private static string Name(JsonObject crd) => crd["metadata"]?["name"]?.ToString() ?? "";

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(v => v?.ToString() ?? "").ToList() : [];
}
