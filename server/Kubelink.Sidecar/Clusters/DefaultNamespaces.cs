using System.Text.RegularExpressions;
using Kubelink.Protocol;
using Kubelink.Sidecar.Hosting;
using Kubelink.Sidecar.IO;
using Kubelink.Sidecar.Rpc;

namespace Kubelink.Sidecar.Clusters;

/// <summary>
/// The default namespace a user chose per cluster (<c>cluster/setDefaultNamespace</c>), kept in the cluster's state
/// folder so that it outlives a sidecar restart (issue 11 item 12): the extension reconnects its clusters after a
/// restart, and the proxy kubeconfig must come back with the same namespace. Only DNS labels are accepted: a namespace
/// is one, and the value ends up in a kubeconfig and in a file.
/// </summary>
internal sealed partial class DefaultNamespaces(StatePaths paths)
{
    private const string FileName = "default-namespace";

    /// <summary>Throws Invalid Params for a value that is not a namespace name; null (the context's own) passes.</summary>
    public static void Validate(string? ns)
    {
        if (ns is not null && (ns.Length > 63 || !Label().IsMatch(ns)))
        {
            throw RpcErrors.Create(
                ErrorCodes.InvalidParams,
                $"'{RpcErrors.Shown(ns, 40)}' is not a namespace name. Kubernetes names namespaces with DNS labels: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit.");
        }
    }

    /// <summary>The stored choice for <paramref name="clusterId"/>, or null; a file that is not a label (edited by hand) is ignored.</summary>
    public string? Load(string clusterId)
    {
        var file = paths.ClusterFile(clusterId, FileName);
        try
        {
            var text = File.Exists(file) ? File.ReadAllText(file).Trim() : null;
            return text is { Length: > 0 and <= 63 } && Label().IsMatch(text) ? text : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Save(string clusterId, string? ns)
    {
        var file = paths.ClusterFile(clusterId, FileName);
        if (ns is null)
        {
            File.Delete(file);
        }
        else
        {
            PrivateFile.Write(file, ns);
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
