using System.Text.Json.Nodes;

namespace Kubelink.Sidecar.GraphQL.Schema;

/// <summary>What one OpenAPI schema becomes in GraphQL, decided once for output and input types alike.</summary>
internal enum ShapeKind
{
    String,
    Int,
    Float,
    Boolean,
    Json,
    StringMap,
    List,
    Object,
    Reference,
}

/// <summary>The classification of one schema node (see docs/graphql.md, "The mapping").</summary>
internal sealed record SchemaShape(ShapeKind Kind, JsonObject Schema, string? Reference = null, JsonObject? Items = null)
{
    public static SchemaShape Of(JsonObject schema)
    {
        if (schema["$ref"]?.ToString() is { } reference)
        {
            return new SchemaShape(ShapeKind.Reference, schema, ApiDocument.RefName(reference));
        }
        // OpenAPI 3 wraps a reference that carries a description or default: allOf: [{$ref}].
        if (schema["allOf"] is JsonArray { Count: 1 } allOf && allOf[0] is JsonObject only && only["$ref"] is not null)
        {
            return Of(only);
        }
        if (schema["x-kubernetes-int-or-string"]?.GetValueKind() == System.Text.Json.JsonValueKind.True
            || schema["x-kubernetes-preserve-unknown-fields"]?.GetValueKind() == System.Text.Json.JsonValueKind.True
            || schema["oneOf"] is not null || schema["anyOf"] is not null || schema["allOf"] is not null)
        {
            return new SchemaShape(ShapeKind.Json, schema);
        }
        switch (schema["type"]?.ToString())
        {
            case "string":
                return new SchemaShape(schema["format"]?.ToString() == "int-or-string" ? ShapeKind.Json : ShapeKind.String, schema);
            case "integer":
                return new SchemaShape(ShapeKind.Int, schema);
            case "number":
                return new SchemaShape(ShapeKind.Float, schema);
            case "boolean":
                return new SchemaShape(ShapeKind.Boolean, schema);
            case "array":
                return schema["items"] is JsonObject items ? new SchemaShape(ShapeKind.List, schema, Items: items) : new SchemaShape(ShapeKind.Json, schema);
        }
        if (schema["properties"] is JsonObject { Count: > 0 })
        {
            return new SchemaShape(ShapeKind.Object, schema);
        }
        return schema["additionalProperties"] is JsonObject values && values["type"]?.ToString() == "string"
            ? new SchemaShape(ShapeKind.StringMap, schema)
            : new SchemaShape(ShapeKind.Json, schema);
    }

    /// <summary>Definitions that are strings on the wire but not always in input (a quantity may be written as 1): JSON.</summary>
    public static bool IsLooseScalar(string definition) =>
        definition.EndsWith(".Quantity", StringComparison.Ordinal) || definition.EndsWith(".IntOrString", StringComparison.Ordinal);
}
