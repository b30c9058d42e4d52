using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubelink.Simulator.Storage;

/// <summary>
/// One object as stored: its serialized JSON plus the few fields selectors need, extracted once at write time
/// so that lists of tens of thousands of objects never parse JSON.
/// </summary>
internal sealed class StoredObject
{
    private static readonly KeyValuePair<string, string>[] NoLabels = [];

    private StoredObject(string ns, string name, long resourceVersion, string apiVersion, byte[] json)
    {
        Namespace = ns;
        Name = name;
        ResourceVersion = resourceVersion;
        ApiVersion = apiVersion;
        Json = json;
    }

    /// <summary>Namespace, or empty for cluster-scoped objects.</summary>
    public string Namespace { get; }

    public string Name { get; }

    public long ResourceVersion { get; }

    /// <summary>The apiVersion the bytes carry (CRDs with several versions may be read through another).</summary>
    public string ApiVersion { get; }

    /// <summary>The complete object, UTF-8 JSON, including kind, apiVersion and metadata.resourceVersion.</summary>
    public byte[] Json { get; }

    public KeyValuePair<string, string>[] Labels { get; private init; } = NoLabels;

    public string? Phase { get; private init; }

    public string? NodeName { get; private init; }

    /// <summary>Storage order: namespace, then name, as etcd keys sort.</summary>
    public string Key => Namespace + "/" + Name;

    public JsonObject ToJsonObject() => JsonNode.Parse(Json)!.AsObject();

    /// <summary>Freezes a JSON object (already carrying its final metadata) into a stored object.</summary>
    public static StoredObject From(JsonObject obj, long resourceVersion)
    {
        var metadata = obj["metadata"] as JsonObject;
        var labels = NoLabels;
        if (metadata?["labels"] is JsonObject labelObject && labelObject.Count > 0)
        {
            labels = labelObject.Select(p => new KeyValuePair<string, string>(p.Key, p.Value?.ToString() ?? "")).ToArray();
        }
        return new StoredObject(
            Text(metadata?["namespace"]) ?? "",
            Text(metadata?["name"]) ?? "",
            resourceVersion,
            Text(obj["apiVersion"]) ?? "",
            JsonBytes.Serialize(obj))
        {
            Labels = labels,
            Phase = Text((obj["status"] as JsonObject)?["phase"]),
            NodeName = Text((obj["spec"] as JsonObject)?["nodeName"]),
        };
    }

    /// <summary>Loads a stored object from bytes written earlier (state file).</summary>
    public static StoredObject FromBytes(byte[] json)
    {
        var obj = JsonNode.Parse(json)!.AsObject();
        var rv = long.TryParse(Text(obj["metadata"]?["resourceVersion"]), out var parsed) ? parsed : 0;
        return From(obj, rv);
    }

    public string? Label(string key)
    {
        foreach (var pair in Labels)
        {
            if (pair.Key == key)
            {
                return pair.Value;
            }
        }
        return null;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
