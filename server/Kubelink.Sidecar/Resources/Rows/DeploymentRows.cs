using System.Globalization;

namespace Kubelink.Sidecar.Resources.Rows;

/// <summary>Deployments as <c>kubectl get deployments</c> shows them: READY ready/desired, UP-TO-DATE, AVAILABLE.</summary>
internal static class DeploymentRows
{
    public static readonly RowKind Kind = new(
        [RowKind.Column("ready", "Ready"), RowKind.Column("upToDate", "Up-to-date"), RowKind.Column("available", "Available")],
        item =>
        {
            // An absent spec.replicas means 1 (the API default); absent status counters mean 0 (nothing reported yet).
            var desired = item.Number("spec", "replicas") ?? 1;
            var ready = item.Number("status", "readyReplicas") ?? 0;
            return
            [
                ("ready", string.Create(CultureInfo.InvariantCulture, $"{ready}/{desired}")),
                ("upToDate", item.Number("status", "updatedReplicas") ?? 0),
                ("available", item.Number("status", "availableReplicas") ?? 0),
            ];
        });
}
