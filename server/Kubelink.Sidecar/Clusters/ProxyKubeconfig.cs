using System.Text;

namespace Kubelink.Sidecar.Clusters;

/// <summary>
/// The kubeconfig that points kubectl at the proxy route: no credentials of the cluster's own, only the per-cluster
/// proxy token and the CA of the proxy's loopback certificate. Written atomically with mode 0600, since the token opens the cluster to whoever reads it.
/// </summary>
internal static class ProxyKubeconfig
{
    public static void Write(string path, string contextName, string proxyUrl, string caPem, string token, string? defaultNamespace)
    {
        var text = new StringBuilder()
            .AppendLine("apiVersion: v1")
            .AppendLine("kind: Config")
            .AppendLine("clusters:")
            .AppendLine($"- name: {Quote(contextName)}")
            .AppendLine("  cluster:")
            .AppendLine($"    server: {Quote(proxyUrl)}")
            .AppendLine($"    certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem))}")
            .AppendLine("users:")
            .AppendLine("- name: kubelink-proxy")
            .AppendLine("  user:")
            .AppendLine($"    token: {Quote(token)}")
            .AppendLine("contexts:")
            .AppendLine($"- name: {Quote(contextName)}")
            .AppendLine("  context:")
            .AppendLine($"    cluster: {Quote(contextName)}")
            .AppendLine("    user: kubelink-proxy")
            .AppendLine(defaultNamespace is { Length: > 0 } ns ? $"    namespace: {Quote(ns)}" : "")
            .AppendLine($"current-context: {Quote(contextName)}")
            .ToString();
        IO.PrivateFile.Write(path, text);
    }

    // YAML single-quoted scalars: safe for any context name.
    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
