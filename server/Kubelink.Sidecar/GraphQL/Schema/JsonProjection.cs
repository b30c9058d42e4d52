using System.Collections;
using System.Text.Json;
using GraphQL.Types;

namespace Kubelink.Sidecar.GraphQL.Schema;

/// <summary>
/// Turns the API server's JSON into what each GraphQL type serializes: objects stay JSON elements (their fields resolve
/// themselves, or <see cref="Execution.JsonSubtreeNode"/> projects them whole), built-in scalars become .NET values, JSON and
/// StringMap scalars get the element as it is. One set of rules for both paths, so they cannot answer differently.
/// </summary>
internal static class JsonProjection
{
    /// <summary>A property of an object element; anything else (a missing property, a source that is not an object) is null.</summary>
    public static JsonElement? Property(object? source, string name) =>
        source is JsonElement { ValueKind: JsonValueKind.Object } element && element.TryGetProperty(name, out var value) ? value : null;

    public static object? Project(JsonElement? value, IGraphType type)
    {
        if (value is not { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } element)
        {
            return null;
        }
        return type switch
        {
            NonNullGraphType nonNull => Project(element, nonNull.ResolvedType!),
            ListGraphType list => element.ValueKind == JsonValueKind.Array ? new JsonList(element, list.ResolvedType!) : null,
            ScalarGraphType scalar => Scalar(element, scalar),
            _ => element,
        };
    }

    /// <summary>A non-null element as a scalar: strings as strings (other JSON as its text), numbers that fit, JSON as is.</summary>
    public static object? Scalar(JsonElement element, ScalarGraphType type) => type switch
    {
        StringGraphType => element.ValueKind == JsonValueKind.String ? element.GetString() : JsonSerializer.Serialize(element),
        IntGraphType => element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var l) && l is >= int.MinValue and <= int.MaxValue ? (int)l : null,
        FloatGraphType => element.ValueKind == JsonValueKind.Number ? element.GetDouble() : null,
        BooleanGraphType => element.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null },
        _ => element,
    };
}

/// <summary>
/// A JSON array as a GraphQL list: the engine enumerates its items projected one by one; the one-pass projection
/// (<see cref="Execution.JsonSubtreeNode"/>) reads <see cref="Array"/> itself.
/// </summary>
internal sealed class JsonList(JsonElement array, IGraphType itemType) : IEnumerable<object?>
{
    public JsonElement Array { get; } = array;

    public IEnumerator<object?> GetEnumerator() => Array.EnumerateArray().Select(item => JsonProjection.Project(item, itemType)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
