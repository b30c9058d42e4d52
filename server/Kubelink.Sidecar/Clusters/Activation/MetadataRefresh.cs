using System.Text.Json.Nodes;
using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Kube;
using Kubelink.Sidecar.Rpc;

namespace Kubelink.Sidecar.Clusters.Activation;

/// <summary>
/// Seed 000's "intervals to refresh connection status, accessibility and metadata": once at ready, then every interval,
/// the version, node count and distribution are re-read through the proxy route. Credentials come from the session's
/// transport, so an exec plugin runs only when its token expires, never per tick (Freelens #1571).
/// </summary>
internal static class MetadataRefresh
{
    public static async Task RunAsync(KubeApi api, ClusterSession session, IClientNotifier notifier, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        using (api)
        {
            try
            {
                do
                {
                    await RefreshOnceAsync(api, session, notifier, time, cancellationToken).ConfigureAwait(false);
                }
                while (await Delay(interval, time, cancellationToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
                // Disconnected.
            }
        }
    }

    private static async Task<bool> Delay(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task RefreshOnceAsync(KubeApi api, ClusterSession session, IClientNotifier notifier, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            var (version, _) = await api.GetAsync("version", null, cancellationToken).ConfigureAwait(false);
            var gitVersion = version["gitVersion"]?.GetValue<string>();
            int? count = null;
            JsonNode? firstNode = null;
            if (session.Info.ListableResources.Any(r => r.Resource == "nodes" && r.Group == ""))
            {
                var (nodes, _) = await api.GetAsync("api/v1/nodes?limit=1", null, cancellationToken).ConfigureAwait(false);
                var items = nodes["items"]?.AsArray() ?? [];
                firstNode = items.FirstOrDefault();
                count = items.Count + (int)(nodes["metadata"]?["remainingItemCount"]?.GetValue<long>() ?? 0);
            }

            var distribution = Distribution(gitVersion, firstNode);
            var (before, after) = session.State.MetadataRefreshed(gitVersion, count, distribution, time.GetUtcNow());
            if (before.Version != after.Version || before.NodeCount != after.NodeCount || before.Distribution != after.Distribution)
            {
                await Stage(notifier, session, time, $"Kubernetes {after.Version}{(count is { } n ? $", {n} nodes" : "")}, {distribution}.", StageLevel.Info).ConfigureAwait(false);
            }
        }
        catch (KubeApiException e)
        {
            await Stage(notifier, session, time, $"Could not refresh cluster metadata: {e.Message}", StageLevel.Warning).ConfigureAwait(false);
        }
    }

    private static Task Stage(IClientNotifier notifier, ClusterSession session, TimeProvider time, string message, StageLevel level) =>
        notifier.NotifyAsync(Methods.ClusterStage, new ClusterStageParams { ClusterId = session.Id, Stage = "metadata", Message = message, Level = level, Timestamp = time.GetUtcNow() });

    /// <summary>A guess from the version string and a node's labels and provider id, as Lens's cluster detectors do.</summary>
    public static string Distribution(string? gitVersion, JsonNode? node)
    {
        var v = gitVersion ?? "";
        var labels = node?["metadata"]?["labels"]?.AsObject().Select(kv => kv.Key).ToList() ?? [];
        var provider = node?["spec"]?["providerID"]?.GetValue<string>() ?? "";
        return v switch
        {
            _ when v.Contains("-eks-", StringComparison.Ordinal) || provider.StartsWith("aws://", StringComparison.Ordinal) => "eks",
            _ when v.Contains("-gke.", StringComparison.Ordinal) || provider.StartsWith("gce://", StringComparison.Ordinal) => "gke",
            _ when provider.StartsWith("azure://", StringComparison.Ordinal) || labels.Any(l => l.StartsWith("kubernetes.azure.com/", StringComparison.Ordinal)) => "aks",
            _ when v.Contains("+k3s", StringComparison.Ordinal) => "k3s",
            _ when v.Contains("+rke2", StringComparison.Ordinal) => "rke2",
            _ when labels.Any(l => l.StartsWith("node.openshift.io/", StringComparison.Ordinal)) => "openshift",
            _ when provider.StartsWith("kind://", StringComparison.Ordinal) => "kind",
            _ when labels.Any(l => l.StartsWith("minikube.k8s.io/", StringComparison.Ordinal)) => "minikube",
            _ => "vanilla",
        };
    }
}
