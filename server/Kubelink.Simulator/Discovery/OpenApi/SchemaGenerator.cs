using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Kubelink.Simulator.Discovery.OpenApi;

/// <summary>
/// Derives OpenAPI schemas from KubernetesClient's model classes (generated from the upstream OpenAPI, so
/// their JSON names and shapes are faithful). Model classes become named definitions referenced by
/// <c>$ref</c>; primitives map to OpenAPI types.
/// </summary>
internal sealed partial class SchemaGenerator(string refPrefix)
{
    public Dictionary<string, JsonObject> Definitions { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds a top-level kind, tagging it with its group/version/kind as upstream does.</summary>
    public void AddKind(ResourceType type)
    {
        if (type.ModelType is not null)
        {
            Schema(type.ModelType);
            Definitions[Name(type.ModelType)]["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(type));
            return;
        }
        var schema = type.Schema?.DeepClone().AsObject()
            ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        schema["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(type));
        Definitions[DefinitionName(type)] = schema;
    }

    /// <summary>The definition name of a kind's schema.</summary>
    public static string DefinitionName(ResourceType type) =>
        type.ModelType is not null ? Name(type.ModelType) : $"{ReverseDomain(type.Group)}.{type.Version}.{type.Kind}";

    public static JsonObject Gvk(ResourceType type) =>
        new() { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind };

    public JsonObject Schema(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
        {
            return new JsonObject { ["type"] = "string" };
        }
        if (underlying == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }
        if (underlying == typeof(int) || underlying == typeof(long))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = underlying == typeof(int) ? "int32" : "int64" };
        }
        if (underlying == typeof(double) || underlying == typeof(float))
        {
            return new JsonObject { ["type"] = "number", ["format"] = "double" };
        }
        if (underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        }
        if (underlying == typeof(byte[]))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "byte" };
        }
        if (underlying == typeof(IntOrString))
        {
            return new JsonObject { ["x-kubernetes-int-or-string"] = true };
        }
        if (underlying == typeof(ResourceQuantity))
        {
            return new JsonObject { ["type"] = "string" };
        }
        if (DictionaryValue(underlying) is { } valueType)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = Schema(valueType) };
        }
        if (ListItem(underlying) is { } itemType)
        {
            return new JsonObject { ["type"] = "array", ["items"] = Schema(itemType) };
        }
        if (underlying.IsClass && underlying.Namespace == "k8s.Models")
        {
            var name = Name(underlying);
            if (!Definitions.ContainsKey(name))
            {
                Definitions[name] = new JsonObject();
                Definitions[name] = Describe(underlying);
            }
            return new JsonObject { ["$ref"] = refPrefix + name };
        }
        return new JsonObject { ["x-kubernetes-preserve-unknown-fields"] = true };
    }

    private JsonObject Describe(Type type)
    {
        var properties = new JsonObject();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var jsonName = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
            if (jsonName is not null)
            {
                properties[jsonName] = Schema(property.PropertyType);
            }
        }
        return new JsonObject { ["type"] = "object", ["properties"] = properties };
    }

    private static Type? DictionaryValue(Type type)
    {
        var dictionary = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return dictionary?.GetGenericArguments()[1];
    }

    private static Type? ListItem(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    // V1ContainerPort -> io.k8s.api.v1.ContainerPort: kubectl explain shows the last segment as the type name,
    // and upstream's is the bare kind ("ContainerPort"), not the client library's versioned class name.
    private static string Name(Type type)
    {
        var match = VersionedName().Match(type.Name);
        return match.Success
            ? $"io.k8s.api.{match.Groups[1].Value.ToLowerInvariant()}.{match.Groups[2].Value}"
            : "io.k8s.api." + type.Name;
    }

    [GeneratedRegex("^([VC][a-z]*[0-9]+(?:alpha[0-9]+|beta[0-9]+)?)([A-Z].*)$")]
    private static partial Regex VersionedName();

    private static string ReverseDomain(string group) => string.Join('.', group.Split('.').Reverse());
}
