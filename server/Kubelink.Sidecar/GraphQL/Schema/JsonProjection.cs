using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL.Types;

namespace Kubelink.Sidecar.GraphQL.Schema;

/// <summary>
/// Turns the API server's JSON into what each GraphQL type serializes: objects stay JSON nodes (their fields resolve
/// themselves), built-in scalars become .NET values, JSON and StringMap scalars get the node as it is.
/// </summary>
internal static class JsonProjection
{
    public static object? Project(JsonNode? node, IGraphType type)
    {
        if (node is null)
        {
            return null;
        }
        switch (type)
        {
            case NonNullGraphType nonNull:
                return Project(node, nonNull.ResolvedType!);
            case ListGraphType list:
                return node is JsonArray array ? array.Select(item => Project(item, list.ResolvedType!)).ToList() : null;
            case StringGraphType:
                return node is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : node.ToJsonString();
            case IntGraphType:
                return node is JsonValue i && i.TryGetValue<long>(out var l) ? (l is >= int.MinValue and <= int.MaxValue ? (int)l : null) : null;
            case FloatGraphType:
                return node is JsonValue f && f.TryGetValue<double>(out var d) ? d : null;
            case BooleanGraphType:
                return node is JsonValue b && b.TryGetValue<bool>(out var flag) ? flag : null;
            default:
                return node;
        }
    }
}
