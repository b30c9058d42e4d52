using System.Text.Json;

namespace Kubelink.Sidecar.Resources.Rows;

/// <summary>Tolerant reads from an API object: a missing or mistyped field is absent, never an exception, because a view must render whatever a server or a CRD sends.</summary>
internal static class Json
{
    public static JsonElement? Path(this JsonElement element, params string[] names)
    {
        var current = element;
        foreach (var name in names)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }

    public static string? String(this JsonElement element, params string[] names) =>
        element.Path(names) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static long? Number(this JsonElement element, params string[] names) =>
        element.Path(names) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    public static bool Flag(this JsonElement element, params string[] names) =>
        element.Path(names) is { ValueKind: JsonValueKind.True };

    public static IEnumerable<JsonElement> Items(this JsonElement element, params string[] names) =>
        element.Path(names) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    public static IEnumerable<JsonProperty> Properties(this JsonElement element, params string[] names) =>
        element.Path(names) is { ValueKind: JsonValueKind.Object } map ? map.EnumerateObject() : [];
}
