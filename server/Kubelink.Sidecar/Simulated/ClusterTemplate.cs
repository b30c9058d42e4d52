using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Kubelink.Sidecar.Simulated;

/// <summary>
/// What each simulated cluster is made of: how many nodes with which capacity, how many pods with which requests. A YAML
/// file the user can replace (<c>--template FILE</c>); <see cref="DefaultYaml"/> is the one documented in
/// docs/simulated-clusters.md. Counts rather than manifests, so one file serves clusters of any name.
/// </summary>
internal sealed class ClusterTemplate
{
    public const string DefaultYaml = """
        # Kubelink simulated-cluster template: every new cluster gets these nodes and pods.
        nodes:
          count: 5
          roles: [control-plane, worker]   # node 1 gets the first role, the others the last
          capacity: {cpu: "8", memory: 32Gi, pods: "110", ephemeral-storage: 100Gi}
          allocatable: {cpu: 7800m, memory: 31Gi, pods: "110", ephemeral-storage: 95Gi}
          labels: {node.kubernetes.io/instance-type: kwok.small}
        pods:
          count: 10                        # spread over the nodes, in namespace cluster-<name>
          image: registry.k8s.io/pause:3.10
          requests: {cpu: 100m, memory: 128Mi}
          limits: {cpu: 500m, memory: 256Mi}
        """;

    public TemplateNodes Nodes { get; set; } = new();

    public TemplatePods Pods { get; set; } = new();

    public static ClusterTemplate Default { get; } = Parse(DefaultYaml, "the default template");

    public static ClusterTemplate Load(string? path) => path is null ? Default : Parse(File.ReadAllText(path), path);

    public static ClusterTemplate Parse(string yaml, string origin)
    {
        ClusterTemplate template;
        try
        {
            template = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<ClusterTemplate?>(yaml) ?? new();
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{origin} is not a valid template: {e.Message}", e);
        }
        if (template.Nodes.Count is < 1 or > 1000 || template.Pods.Count is < 0 or > 10_000)
        {
            throw new InvalidDataException($"{origin}: nodes.count must be 1..1000 and pods.count 0..10000");
        }
        if (template.Nodes.Roles.Count == 0)
        {
            template.Nodes.Roles = ["worker"];
        }
        return template;
    }
}

/// <summary>The node part of a template.</summary>
internal sealed class TemplateNodes
{
    public int Count { get; set; } = 1;

    public List<string> Roles { get; set; } = [];

    public Dictionary<string, string> Capacity { get; set; } = [];

    public Dictionary<string, string> Allocatable { get; set; } = [];

    public Dictionary<string, string> Labels { get; set; } = [];
}

/// <summary>The pod part of a template.</summary>
internal sealed class TemplatePods
{
    public int Count { get; set; }

    public string Image { get; set; } = "registry.k8s.io/pause:3.10";

    public Dictionary<string, string> Requests { get; set; } = [];

    public Dictionary<string, string> Limits { get; set; } = [];
}
