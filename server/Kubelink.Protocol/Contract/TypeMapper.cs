using System.Reflection;

namespace Kubelink.Protocol.Contract;

/// <summary>Maps the CLR types allowed in the contract to TypeScript type expressions. Anything else is a contract error.</summary>
internal static class TypeMapper
{
    private static readonly Dictionary<Type, string> Primitives = new()
    {
        [typeof(string)] = "string",
        [typeof(bool)] = "boolean",
        [typeof(int)] = "number",
        [typeof(long)] = "number",
        [typeof(double)] = "number",
        [typeof(DateTimeOffset)] = "string",
        [typeof(System.Text.Json.JsonElement)] = "unknown",
    };

    public static bool IsPrimitive(Type type) => Primitives.ContainsKey(type);

    /// <summary>The element type of a list or array, or null when the type is not a sequence.</summary>
    public static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return type.GetGenericArguments()[0];
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            if (type.GetGenericArguments()[0] != typeof(string))
            {
                throw new InvalidOperationException("Contract dictionaries must have string keys.");
            }

            return type.GetGenericArguments()[1];
        }

        return null;
    }

    public static string ToTypeScript(Type type, NullabilityInfo? nullability)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Primitives.TryGetValue(type, out var primitive))
        {
            return primitive;
        }

        if (type.IsEnum)
        {
            return type.Name;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            var value = type.GetGenericArguments()[1];
            return $"Record<string, {ToTypeScript(value, nullability?.GenericTypeArguments[1])}>";
        }

        if (ElementType(type) is { } element)
        {
            var inner = ToTypeScript(element, nullability?.ElementType ?? nullability?.GenericTypeArguments.FirstOrDefault());
            return inner.Contains(' ') ? $"({inner})[]" : inner + "[]";
        }

        if (type.IsClass && type.IsSealed && type.Namespace?.StartsWith("Kubelink.Protocol", StringComparison.Ordinal) == true)
        {
            return type.Name;
        }

        throw new InvalidOperationException($"{type.FullName} cannot cross the wire: use a sealed record in Kubelink.Protocol, a primitive, an enum, IReadOnlyList<T> or IReadOnlyDictionary<string, T>.");
    }
}
