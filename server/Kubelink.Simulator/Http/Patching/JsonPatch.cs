using System.Text.Json.Nodes;

namespace Kubelink.Simulator.Http.Patching;

/// <summary>JSON Patch (RFC 6902): add, remove, replace, move, copy and test, with JSON Pointer paths.</summary>
internal static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        var root = document.DeepClone();
        foreach (var operation in operations.OfType<JsonObject>())
        {
            var op = operation["op"]?.ToString();
            var path = operation["path"]?.ToString() ?? throw Bad("missing path");
            switch (op)
            {
                case "add":
                    root = Add(root, path, operation["value"]?.DeepClone());
                    break;
                case "remove":
                    root = Remove(root, path, out _);
                    break;
                case "replace":
                    root = Remove(root, path, out _);
                    root = Add(root, path, operation["value"]?.DeepClone());
                    break;
                case "move":
                    root = Remove(root, operation["from"]?.ToString() ?? throw Bad("missing from"), out var moved);
                    root = Add(root, path, moved);
                    break;
                case "copy":
                    root = Add(root, path, Get(root, operation["from"]?.ToString() ?? throw Bad("missing from"))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path), operation["value"]))
                    {
                        throw new ApiException(422, "Invalid", "the server rejected our request due to an error in our request: testing value failed");
                    }
                    break;
                default:
                    throw Bad($"Unexpected kind: {op}");
            }
        }
        return root;
    }

    private static JsonNode? Get(JsonNode root, string path)
    {
        var node = (JsonNode?)root;
        foreach (var token in Tokens(path))
        {
            node = node switch
            {
                JsonObject obj when obj.ContainsKey(token) => obj[token],
                JsonArray array when int.TryParse(token, out var i) && i >= 0 && i < array.Count => array[i],
                _ => throw Bad($"doc is missing path: \"{path}\""),
            };
        }
        return node;
    }

    private static JsonNode Add(JsonNode root, string path, JsonNode? value)
    {
        var tokens = Tokens(path);
        if (tokens.Count == 0)
        {
            return value ?? throw Bad("cannot replace the document with null");
        }
        var parent = Get(root, Pointer(tokens[..^1]));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array when last == "-":
                array.Add(value);
                break;
            case JsonArray array when int.TryParse(last, out var index) && index >= 0 && index <= array.Count:
                array.Insert(index, value);
                break;
            default:
                throw Bad($"add operation does not apply: doc is missing path: \"{path}\"");
        }
        return root;
    }

    private static JsonNode Remove(JsonNode root, string path, out JsonNode? removed)
    {
        var tokens = Tokens(path);
        if (tokens.Count == 0)
        {
            throw Bad("cannot remove the whole document");
        }
        var parent = Get(root, Pointer(tokens[..^1]));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                removed = obj[last];
                obj.Remove(last);
                break;
            case JsonArray array when int.TryParse(last, out var index) && index >= 0 && index < array.Count:
                removed = array[index];
                array.RemoveAt(index);
                break;
            default:
                throw Bad($"remove operation does not apply: doc is missing path: \"{path}\"");
        }
        removed = removed?.DeepClone();
        return root;
    }

    private static List<string> Tokens(string path) =>
        path.Length == 0 ? [] : path.Split('/').Skip(1).Select(t => t.Replace("~1", "/").Replace("~0", "~")).ToList();

    private static string Pointer(List<string> tokens) =>
        string.Concat(tokens.Select(t => "/" + t.Replace("~", "~0").Replace("/", "~1")));

    private static ApiException Bad(string message) =>
        new(422, "Invalid", "the server rejected our request due to an error in our request: " + message);
}
