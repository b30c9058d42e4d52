using System.Globalization;
using System.Text.Json;

namespace Kubelink.Sidecar.Resources.Rows;

/// <summary>Services as <c>kubectl get services</c> shows them: TYPE, CLUSTER-IP, PORT(S) (<c>80/TCP,443:30443/TCP</c>).</summary>
internal static class ServiceRows
{
    public static readonly RowKind Kind = new(
        [RowKind.Column("type", "Type"), RowKind.Column("clusterIP", "Cluster IP"), RowKind.Column("ports", "Ports")],
        item =>
        [
            ("type", item.String("spec", "type") ?? "ClusterIP"),
            ("clusterIP", item.String("spec", "clusterIP") is { Length: > 0 } ip ? ip : "<none>"),
            ("ports", Ports(item)),
        ]);

    private static string Ports(JsonElement item)
    {
        var ports = item.Items("spec", "ports").Select(Port).ToList();
        return ports.Count == 0 ? "<none>" : string.Join(',', ports);
    }

    private static string Port(JsonElement port)
    {
        var number = port.Number("port")?.ToString(CultureInfo.InvariantCulture) ?? "?";
        var node = port.Number("nodePort") is { } nodePort ? string.Create(CultureInfo.InvariantCulture, $":{nodePort}") : "";
        return $"{number}{node}/{port.String("protocol") ?? "TCP"}";
    }
}
