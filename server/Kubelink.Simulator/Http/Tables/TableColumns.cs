using System.Text.Json.Nodes;
using Kubelink.Simulator.Discovery;

namespace Kubelink.Simulator.Http.Tables;

/// <summary>A table column: its definition and how to compute the cell from an object.</summary>
internal sealed record Column(string Name, string Type, int Priority, Func<JsonObject, JsonNode?> Cell, string Format = "");

/// <summary>The columns <c>kubectl get</c> shows for each kind, following the upstream printers.</summary>
internal static class TableColumns
{
    private static readonly Column NameColumn = new("Name", "string", 0, o => o["metadata"]?["name"]?.DeepClone(), "name");
    private static readonly Column AgeColumn = new("Age", "string", 0, o => Age.Since(o["metadata"]?["creationTimestamp"]?.ToString()));

    public static IReadOnlyList<Column> For(ResourceType type)
    {
        if (type.PrinterColumns.Count > 0)
        {
            return [NameColumn, .. type.PrinterColumns.Select(FromPrinterColumn), AgeColumn];
        }
        return (type.Group, type.Plural) switch
        {
            ("", "pods") => PodColumns.All,
            ("", "nodes") => NodeColumns.All,
            ("", "namespaces") => [NameColumn, Col("Status", o => Path(o, "status.phase")), AgeColumn],
            ("", "configmaps") => [NameColumn, Col("Data", o => Count(o["data"]) + Count(o["binaryData"]), "integer"), AgeColumn],
            ("", "secrets") => [NameColumn, Col("Type", o => Path(o, "type")), Col("Data", o => Count(o["data"]), "integer"), AgeColumn],
            ("", "serviceaccounts") => [NameColumn, Col("Secrets", o => Count(o["secrets"]), "integer"), AgeColumn],
            ("", "services") => ServiceColumns(),
            ("", "events") =>
            [
                Col("Last Seen", o => Age.Since(Path(o, "lastTimestamp") ?? Path(o, "metadata.creationTimestamp"))),
                Col("Type", o => Path(o, "type")), Col("Reason", o => Path(o, "reason")),
                Col("Object", o => $"{Path(o, "involvedObject.kind")?.ToLowerInvariant()}/{Path(o, "involvedObject.name")}"),
                Col("Message", o => Path(o, "message")),
            ],
            ("apps", "deployments") =>
            [
                NameColumn,
                Col("Ready", o => $"{Int(o, "status.readyReplicas")}/{Int(o, "spec.replicas", 1)}"),
                Col("Up-to-date", o => Int(o, "status.updatedReplicas"), "integer"),
                Col("Available", o => Int(o, "status.availableReplicas"), "integer"),
                AgeColumn,
            ],
            ("apiextensions.k8s.io", "customresourcedefinitions") =>
                [NameColumn, new Column("Created At", "date", 0, o => Path(o, "metadata.creationTimestamp"))],
            _ => [NameColumn, AgeColumn],
        };
    }

    public static Column Col(string name, Func<JsonObject, JsonNode?> cell, string type = "string", int priority = 0) =>
        new(name, type, priority, cell);

    public static string? Path(JsonObject obj, string dotted)
    {
        JsonNode? node = obj;
        foreach (var part in dotted.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonObject o ? o[part] : null;
        }
        return node switch
        {
            null => null,
            JsonValue value => value.ToString(),
            _ => node.ToJsonString(),
        };
    }

    public static long Int(JsonObject obj, string dotted, long fallback = 0) =>
        long.TryParse(Path(obj, dotted), out var value) ? value : fallback;

    private static int Count(JsonNode? node) => node switch
    {
        JsonObject o => o.Count,
        JsonArray a => a.Count,
        _ => 0,
    };

    private static Column FromPrinterColumn(PrinterColumn column) =>
        new(column.Name, column.Type, column.Priority, o => column.Type == "date"
            ? Age.Since(Path(o, column.JsonPath))
            : Path(o, column.JsonPath));

    private static IReadOnlyList<Column> ServiceColumns() =>
    [
        NameColumn,
        Col("Type", o => Path(o, "spec.type") ?? "ClusterIP"),
        Col("Cluster-IP", o => Path(o, "spec.clusterIP") ?? "<none>"),
        Col("External-IP", o => "<none>"),
        Col("Port(s)", o => o["spec"]?["ports"] is JsonArray ports && ports.Count > 0
            ? string.Join(",", ports.Select(p => $"{p?["port"]}/{p?["protocol"] ?? "TCP"}"))
            : "<none>"),
        AgeColumn,
        Col("Selector", o => o["spec"]?["selector"] is JsonObject s && s.Count > 0
            ? string.Join(",", s.Select(p => $"{p.Key}={p.Value}"))
            : "<none>", priority: 1),
    ];

    /// <summary>The shared Name and Age columns, for the per-kind printers.</summary>
    public static (Column Name, Column Age) Common => (NameColumn, AgeColumn);
}
