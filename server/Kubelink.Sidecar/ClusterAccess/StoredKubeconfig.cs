using YamlDotNet.RepresentationModel;

namespace Kubelink.Sidecar.ClusterAccess;

/// <summary>
/// The kubeconfig a ClusterAccess stores whole (token files, exec plugins). The listener uses the stored file's current
/// context, so the context the registration chose (<c>--context C</c>) must be the current one in what is stored.
/// </summary>
internal static class StoredKubeconfig
{
    public static string WithCurrentContext(string text, string contextName)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ClusterAccessProblem("InvalidKubeconfig", "The target kubeconfig is not a YAML mapping.");
        }
        root.Children[new YamlScalarNode("current-context")] = new YamlScalarNode(contextName);
        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
