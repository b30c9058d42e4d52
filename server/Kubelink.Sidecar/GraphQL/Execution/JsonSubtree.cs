using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;
using Kubelink.Sidecar.GraphQL.Schema;

namespace Kubelink.Sidecar.GraphQL.Execution;

/// <summary>
/// A field whose type is made from OpenAPI definitions (a <see cref="JsonObjectType"/>, or a list of them): its whole
/// subtree is projected from the API server's JSON straight into UTF-8 in one pass, instead of an execution node, a
/// resolver call and a serializer dispatch for every field of every item (B5: a 1,000-pod list is about 11,000 of them).
/// The answer is the same: the shape is the engine's own field collection (aliases, fragments, <c>@skip</c>/<c>@include</c>,
/// <c>__typename</c>) and the values follow <see cref="JsonProjection"/>, the rules the per-field resolvers use.
/// </summary>
internal sealed class JsonSubtreeNode(ExecutionNode parent, IGraphType graphType, GraphQLField field, FieldType definition, int? indexInParent)
    : ExecutionNode(parent, graphType, field, definition, indexInParent)
{
    public ProjectedJson? Output { get; set; }

    public override object? ToValue() => Output;

    /// <summary>Only types <see cref="TypeFactory"/> made qualify: they never hold a non-null type, so null never propagates.</summary>
    public static bool Covers(IGraphType type) => type switch
    {
        JsonObjectType => true,
        ListGraphType list => Covers(list.ResolvedType!),
        _ => false,
    };
}

/// <summary>A projected subtree, already JSON: the result serializer copies it as it is.</summary>
[JsonConverter(typeof(ProjectedJsonConverter))]
internal sealed class ProjectedJson(ReadOnlyMemory<byte> utf8)
{
    public ReadOnlyMemory<byte> Utf8 { get; } = utf8;

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Utf8.Span);
}

internal sealed class ProjectedJsonConverter : JsonConverter<ProjectedJson>
{
    public override ProjectedJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A projected result is only written.");

    public override void Write(Utf8JsonWriter writer, ProjectedJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true); // written by Utf8JsonWriter itself
}

/// <summary>What one selection takes from a JSON value; compiled once per field and applied to every item of a list.</summary>
internal abstract class JsonShape
{
    public delegate Dictionary<string, (GraphQLField Field, FieldType FieldType)> Collect(IGraphType type, GraphQLSelectionSet selection);

    public abstract void Write(JsonElement value, Utf8JsonWriter writer);

    public ProjectedJson Project(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            Write(value, writer);
        }
        return new ProjectedJson(buffer.WrittenMemory);
    }

    public static JsonShape Compile(IGraphType type, GraphQLSelectionSet? selection, Collect collect, FieldType typeName) => type switch
    {
        ListGraphType list => new ListShape(Compile(list.ResolvedType!, selection, collect, typeName)),
        ScalarGraphType scalar => new ScalarShape(scalar),
        JsonObjectType obj => new ObjectShape(JsonEncodedText.Encode(obj.Name), [.. collect(obj, selection!).Select(entry => entry.Value.FieldType == typeName
            ? new ObjectShape.Entry(JsonEncodedText.Encode(entry.Key), null, null)
            : new ObjectShape.Entry(JsonEncodedText.Encode(entry.Key), System.Text.Encoding.UTF8.GetBytes(((JsonField)entry.Value.FieldType).JsonName), Compile(entry.Value.FieldType.ResolvedType!, entry.Value.Field.SelectionSet, collect, typeName)))]),
        _ => throw new InvalidOperationException($"The type {type.Name} is not made from OpenAPI definitions."),
    };

    private static bool IsNull(JsonElement value) => value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    private sealed class ScalarShape(ScalarGraphType type) : JsonShape
    {
        public override void Write(JsonElement value, Utf8JsonWriter writer)
        {
            if (IsNull(value))
            {
                writer.WriteNullValue();
                return;
            }
            if (type is StringGraphType && value.ValueKind == JsonValueKind.String)
            {
                value.WriteTo(writer); // the common case, copied without decoding
                return;
            }
            switch (JsonProjection.Scalar(value, type))
            {
                case string s:
                    writer.WriteStringValue(s);
                    break;
                case int i:
                    writer.WriteNumberValue(i);
                    break;
                case double d:
                    writer.WriteNumberValue(d);
                    break;
                case bool b:
                    writer.WriteBooleanValue(b);
                    break;
                case JsonElement json:
                    json.WriteTo(writer);
                    break;
                default:
                    writer.WriteNullValue();
                    break;
            }
        }
    }

    private sealed class ListShape(JsonShape item) : JsonShape
    {
        public override void Write(JsonElement value, Utf8JsonWriter writer)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                writer.WriteNullValue();
                return;
            }
            writer.WriteStartArray();
            foreach (var element in value.EnumerateArray())
            {
                item.Write(element, writer);
            }
            writer.WriteEndArray();
        }
    }

    private sealed class ObjectShape(JsonEncodedText typeName, ObjectShape.Entry[] entries) : JsonShape
    {
        // JsonName null: __typename. The name as UTF-8, as the element compares it (a string would be transcoded per lookup).
        public sealed record Entry(JsonEncodedText Key, byte[]? JsonName, JsonShape? Shape);

        public override void Write(JsonElement value, Utf8JsonWriter writer)
        {
            if (IsNull(value))
            {
                writer.WriteNullValue();
                return;
            }
            // A value that is not an object still answers the selection, every field null (as the per-field resolvers do).
            var isObject = value.ValueKind == JsonValueKind.Object;
            writer.WriteStartObject();
            foreach (var entry in entries)
            {
                writer.WritePropertyName(entry.Key);
                if (entry.JsonName is null)
                {
                    writer.WriteStringValue(typeName);
                }
                else if (isObject && value.TryGetProperty(entry.JsonName, out var property))
                {
                    entry.Shape!.Write(property, writer);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }
            writer.WriteEndObject();
        }
    }
}
