using System.Text.Json.Nodes;
using Kubelink.Simulator.Discovery;
using Kubelink.Simulator.Storage;

namespace Kubelink.Simulator.Http.Tables;

/// <summary>
/// Renders objects as a <c>meta.k8s.io/v1 Table</c>, what <c>kubectl get</c> asks for first. Each row carries
/// the object as PartialObjectMetadata (the default <c>includeObject=Metadata</c>), the full object, or none.
/// </summary>
internal static class TableWriter
{
    public static JsonObject Build(ResourceType type, IEnumerable<StoredObject> objects, string? includeObject, bool withHeaders,
        JsonObject listMetadata)
    {
        var columns = TableColumns.For(type);
        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = listMetadata,
        };
        if (withHeaders)
        {
            table["columnDefinitions"] = new JsonArray(columns.Select(c => (JsonNode?)new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Format,
                ["description"] = c.Name,
                ["priority"] = c.Priority,
            }).ToArray());
        }
        var rows = new JsonArray();
        foreach (var stored in objects)
        {
            var obj = stored.ToJsonObject();
            obj["apiVersion"] = type.ApiVersion;
            var row = new JsonObject
            {
                ["cells"] = new JsonArray(columns.Select(c => Cell(c, obj)).ToArray()),
            };
            var embedded = Embedded(obj, includeObject);
            if (embedded is not null)
            {
                row["object"] = embedded;
            }
            rows.Add(row);
        }
        table["rows"] = rows;
        return table;
    }

    private static JsonNode? Cell(Column column, JsonObject obj)
    {
        try
        {
            return column.Cell(obj) ?? "<none>";
        }
        catch (InvalidOperationException)
        {
            return "<unknown>";
        }
    }

    private static JsonObject? Embedded(JsonObject obj, string? includeObject) => includeObject switch
    {
        "None" => null,
        "Object" => obj,
        _ => new JsonObject
        {
            ["kind"] = "PartialObjectMetadata",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = obj["metadata"]?.DeepClone(),
        },
    };
}
