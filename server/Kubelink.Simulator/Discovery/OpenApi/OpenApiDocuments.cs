using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kubelink.Simulator.Storage;

namespace Kubelink.Simulator.Discovery.OpenApi;

/// <summary>
/// OpenAPI documents for the served kinds: <c>/openapi/v3</c> (index plus one document per group-version,
/// which kubectl reads to learn that the server validates fields itself and to build strategic merge
/// patches) and <c>/openapi/v2</c> in JSON. Built lazily and cached until the registry changes.
/// </summary>
internal sealed class OpenApiDocuments(ResourceRegistry registry, string gitVersion)
{
    private readonly ConcurrentDictionary<string, (long Generation, byte[] Json)> _cache = new(StringComparer.Ordinal);

    /// <summary>The v3 index: one entry per group-version with a content-addressed URL.</summary>
    public JsonObject V3Index()
    {
        var paths = new JsonObject();
        foreach (var (group, version) in GroupVersions())
        {
            var key = PathKey(group, version);
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash(V3Bytes(group, version))}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The v3 document of one group-version, or null when the server has no such group-version.</summary>
    public byte[]? V3(string path)
    {
        var parts = path.Split('/');
        var (group, version) = parts switch
        {
            ["api", var v] => ("", v),
            ["apis", var g, var v] => (g, v),
            _ => (null, ""),
        };
        return group is null || registry.ForGroupVersion(group, version).Count == 0 ? null : V3Bytes(group, version);
    }

    public byte[] V2() => Cached("v2", () =>
    {
        var generator = new SchemaGenerator("#/definitions/");
        var paths = new JsonObject();
        foreach (var type in registry.All)
        {
            generator.AddKind(type);
            AddPaths(paths, type, "#/definitions/", v3: false);
        }
        return new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = Info(),
            ["paths"] = paths,
            ["definitions"] = Definitions(generator),
        };
    });

    private byte[] V3Bytes(string group, string version) => Cached("v3:" + PathKey(group, version), () =>
    {
        var generator = new SchemaGenerator("#/components/schemas/");
        var paths = new JsonObject();
        foreach (var type in registry.ForGroupVersion(group, version))
        {
            generator.AddKind(type);
            AddPaths(paths, type, "#/components/schemas/", v3: true);
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = Info(),
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = Definitions(generator) },
        };
    });

    private static void AddPaths(JsonObject paths, ResourceType type, string refPrefix, bool v3)
    {
        var root = type.Group.Length == 0 ? "/api/v1" : $"/apis/{type.Group}/{type.Version}";
        var scope = type.Namespaced ? "/namespaces/{namespace}" : "";
        var schemaRef = new JsonObject { ["$ref"] = refPrefix + SchemaGenerator.DefinitionName(type) };
        var collection = new JsonObject();
        var item = new JsonObject();
        foreach (var verb in type.Verbs)
        {
            switch (verb)
            {
                case "list":
                    collection["get"] = Operation("list", type, schemaRef, v3, false);
                    break;
                case "create":
                    collection["post"] = Operation("create", type, schemaRef, v3, true);
                    break;
                case "deletecollection":
                    collection["delete"] = Operation("deletecollection", type, schemaRef, v3, false);
                    break;
                case "get":
                    item["get"] = Operation("get", type, schemaRef, v3, false);
                    break;
                case "update":
                    item["put"] = Operation("put", type, schemaRef, v3, true);
                    break;
                case "patch":
                    item["patch"] = Operation("patch", type, schemaRef, v3, true);
                    break;
                case "delete":
                    item["delete"] = Operation("delete", type, schemaRef, v3, false);
                    break;
            }
        }
        paths[$"{root}{scope}/{type.Plural}"] = collection;
        if (item.Count > 0)
        {
            paths[$"{root}{scope}/{type.Plural}/{{name}}"] = item;
        }
    }

    private static JsonObject Operation(string action, ResourceType type, JsonObject schemaRef, bool v3, bool writes)
    {
        var parameters = new JsonArray();
        if (writes)
        {
            // The parameter kubectl looks for to decide the server validates fields (no client-side validation).
            parameters.Add(Parameter("fieldValidation", v3));
            parameters.Add(Parameter("fieldManager", v3));
            parameters.Add(Parameter("dryRun", v3));
        }
        var response = v3
            ? new JsonObject { ["description"] = "OK", ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schemaRef.DeepClone() } } }
            : new JsonObject { ["description"] = "OK", ["schema"] = schemaRef.DeepClone() };
        return new JsonObject
        {
            ["operationId"] = action + type.Kind,
            ["parameters"] = parameters,
            ["responses"] = new JsonObject { ["200"] = response },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = SchemaGenerator.Gvk(type),
        };
    }

    private static JsonObject Parameter(string name, bool v3) => v3
        ? new JsonObject { ["name"] = name, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } }
        : new JsonObject { ["name"] = name, ["in"] = "query", ["type"] = "string" };

    private JsonObject Info() => new() { ["title"] = "Kubernetes", ["version"] = gitVersion };

    private static JsonObject Definitions(SchemaGenerator generator) =>
        new(generator.Definitions.OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value)));

    private IEnumerable<(string Group, string Version)> GroupVersions() =>
        registry.All.Select(t => (t.Group, t.Version)).Distinct();

    private static string PathKey(string group, string version) => group.Length == 0 ? "api/" + version : $"apis/{group}/{version}";

    private byte[] Cached(string key, Func<JsonObject> build)
    {
        var generation = registry.Generation;
        if (_cache.TryGetValue(key, out var entry) && entry.Generation == generation)
        {
            return entry.Json;
        }
        var json = JsonBytes.Serialize(build());
        _cache[key] = (generation, json);
        return json;
    }

    private static string Hash(byte[] json) => Convert.ToHexString(SHA512.HashData(json)).ToUpperInvariant();

    /// <summary>An ETag-friendly digest of a document.</summary>
    public static string Etag(byte[] json) => "\"" + Convert.ToHexString(SHA256.HashData(json)) + "\"";

    /// <summary>UTF-8 bytes of a node, for small documents.</summary>
    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
