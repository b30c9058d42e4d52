using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Kubelink.Sidecar.GraphQL.Schema;

/// <summary>
/// <c>JSON</c>: any JSON value, for what GraphQL cannot type: int-or-string, quantities, <c>oneOf</c>/<c>anyOf</c>,
/// maps of objects, and objects whose unknown fields must be kept (<c>x-kubernetes-preserve-unknown-fields</c>).
/// </summary>
internal sealed class JsonScalar : ScalarGraphType
{
    public JsonScalar()
    {
        Name = "JSON";
        Description = "Any JSON value: int-or-string, quantities, free-form objects (unknown fields are kept).";
    }

    // The node goes to the serializer as it is: results are written once and never mutated, so no copy is needed.
    public override object? Serialize(object? value) => value;

    public override object? ParseValue(object? value) => JsonValues.ToNode(value);

    public override object? ParseLiteral(GraphQLValue value) => JsonValues.FromLiteral(value);

    public override bool CanParseLiteral(GraphQLValue value) => true;

    public override bool CanParseValue(object? value) => true;
}

/// <summary>
/// <c>StringMap</c>: a map of strings (labels, annotations, ConfigMap data). Input also as <c>[{key, value}]</c>, so keys with
/// dots (<c>app.kubernetes.io/name</c>) can be written in GraphQL literals without quoting tricks.
/// </summary>
internal sealed class StringMapScalar : ScalarGraphType
{
    public StringMapScalar()
    {
        Name = "StringMap";
        Description = "A map of string keys to string values; as input also a list of {key, value} objects.";
    }

    public override object? Serialize(object? value) => value;

    public override object? ParseValue(object? value) => Normalize(JsonValues.ToNode(value));

    public override object? ParseLiteral(GraphQLValue value) => Normalize(JsonValues.FromLiteral(value));

    public override bool CanParseLiteral(GraphQLValue value) => value is GraphQLObjectValue or GraphQLListValue or GraphQLNullValue;

    public override bool CanParseValue(object? value) => true;

    private static JsonNode? Normalize(JsonNode? node)
    {
        if (node is not JsonArray pairs)
        {
            return node;
        }
        var map = new JsonObject();
        foreach (var pair in pairs.OfType<JsonObject>())
        {
            if (pair["key"]?.ToString() is { } key)
            {
                map[key] = pair["value"]?.DeepClone();
            }
        }
        return map;
    }
}

/// <summary>Conversions between GraphQL input values (variables, literals) and JSON nodes.</summary>
internal static class JsonValues
{
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        IDictionary<string, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, ToNode(p.Value)))),
        System.Collections.IEnumerable list and not string => new JsonArray(list.Cast<object?>().Select(ToNode).ToArray()),
        _ => JsonSerializer.SerializeToNode(value, value.GetType()),
    };

    public static JsonNode? FromLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue s => JsonValue.Create(s.Value.ToString()),
        GraphQLBooleanValue b => JsonValue.Create(b.BoolValue),
        GraphQLIntValue i => long.TryParse(i.Value.Span, out var l) ? JsonValue.Create(l) : JsonValue.Create(double.Parse(i.Value.Span, System.Globalization.CultureInfo.InvariantCulture)),
        GraphQLFloatValue f => JsonValue.Create(double.Parse(f.Value.Span, System.Globalization.CultureInfo.InvariantCulture)),
        GraphQLEnumValue e => JsonValue.Create(e.Name.StringValue),
        GraphQLListValue list => new JsonArray((list.Values ?? []).Select(FromLiteral).ToArray()),
        GraphQLObjectValue obj => new JsonObject((obj.Fields ?? []).Select(f => KeyValuePair.Create(f.Name.StringValue, FromLiteral(f.Value)))),
        _ => throw new InvalidOperationException($"A {value.Kind} cannot be a JSON value."),
    };
}
