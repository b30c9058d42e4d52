using System.Text.Json.Nodes;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace Kubelink.Sidecar.GraphQL.Schema;

/// <summary>
/// Output and input types for the OpenAPI definitions, built on demand and cached by definition name, so shared types
/// (ObjectMeta) exist once and recursive ones (JSONSchemaProps) close their cycle on the cached instance.
/// </summary>
internal sealed class TypeFactory(ApiDocument document, GraphNames names)
{
    private readonly Dictionary<string, IGraphType> _outputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IGraphType> _inputs = new(StringComparer.Ordinal);

    public JsonScalar Json { get; } = new();

    public StringMapScalar StringMap { get; } = new();

    /// <summary>The output type of a definition (resources pass their prefixed name).</summary>
    public IGraphType OutputOf(string definition, string? typeName = null) =>
        Named(definition, typeName, _outputs, output: true);

    public IGraphType InputOf(string definition, string? typeName = null) =>
        Named(definition, typeName is null ? null : typeName + "_Input", _inputs, output: false);

    private IGraphType Named(string definition, string? typeName, Dictionary<string, IGraphType> cache, bool output)
    {
        if (cache.TryGetValue(definition, out var cached))
        {
            return cached;
        }
        if (!document.Definitions.TryGetValue(definition, out var schema) || SchemaShape.IsLooseScalar(definition))
        {
            return cache[definition] = Json;
        }
        var shape = SchemaShape.Of(schema);
        if (shape.Kind != ShapeKind.Object)
        {
            cache[definition] = Json; // a guard while a self-referencing non-object definition resolves
            return cache[definition] = TypeOf(shape, typeName ?? GraphNames.ForDefinition(definition), output);
        }
        var name = names.Unique(typeName ?? (GraphNames.ForDefinition(definition) + (output ? "" : "_Input")));
        var complex = NewComplex(name, schema, output);
        cache[definition] = complex;
        Fill(complex, schema, name, output);
        return complex;
    }

    private IGraphType TypeOf(SchemaShape shape, string hint, bool output) => shape.Kind switch
    {
        ShapeKind.String => new StringGraphType(),
        ShapeKind.Int => new IntGraphType(),
        ShapeKind.Float => new FloatGraphType(),
        ShapeKind.Boolean => new BooleanGraphType(),
        ShapeKind.StringMap => StringMap,
        ShapeKind.List => new ListGraphType(TypeOf(SchemaShape.Of(shape.Items!), hint + "Item", output)),
        ShapeKind.Reference => output ? OutputOf(shape.Reference!) : InputOf(shape.Reference!),
        ShapeKind.Object => Inline(shape.Schema, hint, output),
        _ => Json,
    };

    private IGraphType Inline(JsonObject schema, string hint, bool output)
    {
        var name = names.Unique(output ? hint : hint + "_Input");
        var complex = NewComplex(name, schema, output);
        Fill(complex, schema, hint, output);
        return complex;
    }

    private static IComplexGraphType NewComplex(string name, JsonObject schema, bool output)
    {
        IComplexGraphType complex = output ? new JsonObjectType() : new JsonInputType();
        complex.Name = name;
        complex.Description = schema["description"]?.ToString();
        return complex;
    }

    private void Fill(IComplexGraphType complex, JsonObject schema, string hint, bool output)
    {
        var fieldNames = new GraphNames();
        foreach (var (jsonName, property) in (JsonObject)schema["properties"]!)
        {
            if (property is not JsonObject propertySchema)
            {
                continue;
            }
            var fieldName = fieldNames.Unique(GraphNames.Sanitize(jsonName));
            var type = TypeOf(SchemaShape.Of(propertySchema), hint + GraphNames.Pascal(jsonName), output);
            var field = new JsonField
            {
                Name = fieldName,
                JsonName = jsonName,
                Description = propertySchema["description"]?.ToString(),
                ResolvedType = type,
            };
            if (output)
            {
                var name = jsonName;
                var resolved = type;
                field.Resolver = new FuncFieldResolver<object?>(context => JsonProjection.Project(JsonProjection.Property(context.Source, name), resolved));
            }
            else
            {
                ((JsonInputType)complex).JsonNames[fieldName] = jsonName;
            }
            complex.AddField(field);
        }
    }
}

/// <summary>
/// An object type made from an OpenAPI definition: every field is a property of the JSON object, so a query's whole subtree
/// below it can be projected from the JSON in one pass (<see cref="Execution.JsonSubtreeNode"/>).
/// </summary>
internal sealed class JsonObjectType : ObjectGraphType;

/// <summary>A field of a <see cref="JsonObjectType"/>: the JSON property it reads (its GraphQL name may be sanitized).</summary>
internal sealed class JsonField : FieldType
{
    public required string JsonName { get; init; }
}
