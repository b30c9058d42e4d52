using YamlDotNet.RepresentationModel;

namespace Kubelink.Sidecar.Kubeconfig;

/// <summary>Small, forgiving accessors over YamlDotNet's node tree: a missing or mistyped key reads as null.</summary>
internal static class YamlNodes
{
    public static YamlNode? Get(this YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public static string? Scalar(this YamlMappingNode map, string key) =>
        map.Get(key) is YamlScalarNode { Value: { } value } && !IsNull(value) ? value : null;

    public static bool Flag(this YamlMappingNode map, string key) =>
        string.Equals(map.Scalar(key), "true", StringComparison.OrdinalIgnoreCase);

    public static YamlMappingNode? Map(this YamlMappingNode map, string key) => map.Get(key) as YamlMappingNode;

    public static IEnumerable<YamlNode> Sequence(this YamlMappingNode map, string key) =>
        map.Get(key) is YamlSequenceNode seq ? seq.Children : [];

    public static int Line(this YamlNode node) => (int)node.Start.Line;

    private static bool IsNull(string value) => value is "~" or "null" or "Null" or "NULL";
}
