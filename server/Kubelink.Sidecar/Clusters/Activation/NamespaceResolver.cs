using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Kube;

namespace Kubelink.Sidecar.Clusters.Activation;

/// <summary>
/// The namespaces to work with, in the seed's order of preference: configured for this cluster, else listed from the
/// server, else the kubeconfig context's namespace, else none. The source is reported, so the user knows why a list is short.
/// </summary>
internal static class NamespaceResolver
{
    public static async Task<(IReadOnlyList<string> Namespaces, string Source)> ResolveAsync(
        KubeApi api, IReadOnlyList<string>? configured, string? contextNamespace, CancellationToken cancellationToken)
    {
        if (configured is { Count: > 0 })
        {
            return (configured, "configured");
        }

        try
        {
            var (list, _) = await api.GetAsync("api/v1/namespaces", null, cancellationToken).ConfigureAwait(false);
            var names = (list["items"]?.AsArray() ?? []).Select(i => i?["metadata"]?["name"]?.GetValue<string>()).OfType<string>().Order(StringComparer.Ordinal).ToList();
            return (names, "list");
        }
        catch (KubeApiException e) when (e.Cause == FaultCause.Forbidden)
        {
            return contextNamespace is { Length: > 0 } ns ? ([ns], "kubeconfig") : ([], "none");
        }
    }
}
