using System.Text.Json.Nodes;
using GraphQL.Types;

namespace Kubelink.Sidecar.GraphQL.Schema;

/// <summary>An input object that parses into the JSON the API server expects, under the original (unsanitized) field names.</summary>
internal sealed class JsonInputType : InputObjectGraphType
{
    public Dictionary<string, string> JsonNames { get; } = new(StringComparer.Ordinal);

    public override object ParseDictionary(IDictionary<string, object?> value)
    {
        var result = new JsonObject();
        foreach (var (name, item) in value)
        {
            result[JsonNames.GetValueOrDefault(name, name)] = JsonValues.ToNode(item);
        }
        return result;
    }
}
