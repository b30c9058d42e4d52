using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Kube;

namespace Kubelink.Sidecar.Clusters.Activation;

/// <summary>
/// The stage <c>validated</c> for targets that ask for it (<see cref="Upstream.ConnectionTarget.ValidateByListingNamespaces"/>,
/// EKS connections): one LIST of namespaces with the real credentials, the seed's check that the cluster accepts them.
/// <c>/version</c> alone does not prove it: EKS, like most clusters, serves it to anonymous callers. A 403 still proves
/// the credentials were accepted (the user is known, only not allowed), so such a user connects like any other.
/// </summary>
internal static class NamespaceValidation
{
    public const string Stage = "validated";

    /// <summary>The stage's message and level; throws <see cref="KubeApiException"/> when the credentials were refused or the server failed.</summary>
    public static async Task<(string Message, StageLevel Level)> RunAsync(KubeApi api, string? user, CancellationToken cancellationToken)
    {
        try
        {
            var (list, _) = await api.GetAsync("api/v1/namespaces", null, cancellationToken).ConfigureAwait(false);
            var count = list["items"]?.AsArray().Count ?? 0;
            return ($"Validated by listing namespaces: the credentials are accepted; {count} namespaces.", StageLevel.Info);
        }
        catch (KubeApiException e) when (e.Cause == FaultCause.Forbidden)
        {
            return ($"Validated by listing namespaces: the credentials are accepted, but user '{user}' may not list namespaces (403); connecting as for any cluster.", StageLevel.Warning);
        }
    }
}
