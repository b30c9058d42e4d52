using System.Security.Cryptography;
using System.Text;

namespace Kubelink.Sidecar.Kubeconfig;

/// <summary>A context resolved to the cluster and user it will connect with; <see cref="KubeconfigTargets"/> turns it into a connection target.</summary>
internal sealed record ResolvedContext(
    string Id,
    Named<ContextConfig> Context,
    Named<ClusterConfig> Cluster,
    Named<UserConfig>? User);

internal static class CatalogIds
{
    /// <summary>Derived from the file's full path and the context name only, so it survives restarts and edits of the context.</summary>
    public static string For(string file, string contextName)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(file + "\0" + contextName));
        return Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }
}
