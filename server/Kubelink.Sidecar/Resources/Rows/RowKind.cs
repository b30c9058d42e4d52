using System.Text.Json;
using Kubelink.Protocol.Resources;

namespace Kubelink.Sidecar.Resources.Rows;

/// <summary>How one kind is shown: its columns beyond name, namespace and age, and the pure function that fills them from the object.</summary>
internal sealed record RowKind(IReadOnlyList<ResourceColumn> Extra, Func<JsonElement, IReadOnlyList<(string Key, object Value)>> Values)
{
    public static ResourceColumn Column(string key, string title) => new() { Key = key, Title = title };

    /// <summary>Name and namespace first, age last, as kubectl prints them.</summary>
    public IReadOnlyList<ResourceColumn> Columns(bool namespaced)
    {
        var columns = new List<ResourceColumn> { Column("name", "Name") };
        if (namespaced)
        {
            columns.Add(Column("namespace", "Namespace"));
        }

        columns.AddRange(Extra);
        columns.Add(Column("createdAt", "Age"));
        return columns;
    }

    /// <summary>The row of one object; the identity comes from its metadata, the rest from <see cref="Values"/>.</summary>
    public ResourceRow Project(JsonElement item)
    {
        var columns = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in Values(item))
        {
            columns[key] = value switch
            {
                string text => JsonSerializer.SerializeToElement(text),
                long number => JsonSerializer.SerializeToElement(number),
                int number => JsonSerializer.SerializeToElement(number),
                _ => throw new ArgumentException($"Column '{key}' must be a string or a number, not {value.GetType().Name}."),
            };
        }

        return new ResourceRow
        {
            Name = item.String("metadata", "name") ?? "",
            Namespace = item.String("metadata", "namespace"),
            Uid = item.String("metadata", "uid") ?? "",
            CreatedAt = item.Path("metadata", "creationTimestamp") is { ValueKind: JsonValueKind.String } created && created.TryGetDateTimeOffset(out var at) ? at : null,
            Columns = columns.Count > 0 ? columns : null,
        };
    }
}
