using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kubelink.Sidecar.Simulated.Rancher;

/// <summary>
/// A multi-document YAML stream as JSON objects, typed as the API server expects them: plain scalars that read as
/// integers, booleans or null become those (<c>replicas: 1</c>), quoted ones stay strings (<c>value: "true"</c>).
/// </summary>
internal static class YamlDocuments
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Every non-empty document; a syntax error throws <see cref="FormatException"/> with its line.</summary>
    public static List<JsonObject> Parse(string yaml)
    {
        if (yaml.Length > MaxBytes)
        {
            throw new FormatException($"it is larger than {MaxBytes / 1024} KiB");
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FormatException($"line {e.Start.Line}: {e.Message}");
        }
        var documents = new List<JsonObject>();
        foreach (var document in stream.Documents)
        {
            switch (ToJson(document.RootNode, 0))
            {
                case JsonObject json:
                    documents.Add(json);
                    break;
                case null:
                    break; // an empty document (a stray "---")
                default:
                    throw new FormatException($"line {document.RootNode.Start.Line}: a document is not a mapping");
            }
        }
        return documents;
    }

    private static JsonNode? ToJson(YamlNode node, int depth)
    {
        if (depth > 64)
        {
            throw new FormatException($"line {node.Start.Line}: nested deeper than 64 levels");
        }
        switch (node)
        {
            case YamlMappingNode map:
                var json = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    json[((YamlScalarNode)key).Value ?? ""] = ToJson(value, depth + 1);
                }
                return json;
            case YamlSequenceNode sequence:
                return new JsonArray(sequence.Children.Select(c => ToJson(c, depth + 1)).ToArray());
            case YamlScalarNode { Style: ScalarStyle.Plain } plain:
                return Plain(plain.Value ?? "");
            case YamlScalarNode scalar:
                return JsonValue.Create(scalar.Value ?? "");
            default:
                throw new FormatException($"line {node.Start.Line}: an alias or tag the importer does not read");
        }
    }

    private static JsonNode? Plain(string value) => value switch
    {
        "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        _ => JsonValue.Create(value),
    };
}
