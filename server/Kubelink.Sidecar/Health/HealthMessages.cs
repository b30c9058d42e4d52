using Kubelink.Protocol.Clusters;

namespace Kubelink.Sidecar.Health;

/// <summary>
/// The words of a health notification: what happened to which cluster, and what comes next. Network faults say
/// "Reconnecting…" because Kubelink does that by itself; credential faults name the user and the fix (a login), since
/// waiting alone will not help. No token or key ever appears here: only the context's user name.
/// </summary>
internal static class HealthMessages
{
    public static string For(ProbeResult fault, string cluster, string? user) => fault.Cause switch
    {
        FaultCause.Unauthorized => $"Credentials for user '{user ?? "(anonymous)"}' on {cluster} were rejected (401): log in again or refresh the kubeconfig. Kubelink keeps retrying.",
        FaultCause.Forbidden => $"User '{user ?? "(anonymous)"}' may no longer read {cluster}'s health endpoints ({fault.Detail}): ask a cluster admin for access. Kubelink keeps retrying.",
        FaultCause.Credentials => $"The credentials for {cluster} could not be obtained: {fault.Detail} Kubelink keeps retrying.",
        FaultCause.Kubeconfig => $"{cluster}'s kubeconfig entry changed: {fault.Detail}",
        _ => $"Lost connection to {cluster}: {Short(fault)}. Reconnecting…",
    };

    /// <summary>The network cause as a few words, with a hint where the user can do something about it.</summary>
    private static string Short(ProbeResult fault) => fault.Cause switch
    {
        FaultCause.Refused => "connection refused",
        FaultCause.Reset => "connection reset",
        FaultCause.Timeout => $"the API server did not answer ({fault.Detail})",
        FaultCause.Tls => "TLS failed (check that the kubeconfig's certificate-authority matches the server)",
        FaultCause.Dns => "the server name does not resolve (check the server URL, your VPN and your network)",
        FaultCause.Http => $"the API server is not ready ({fault.Detail})",
        FaultCause.Network => "this machine has no network connection",
        _ => fault.Detail ?? "the API server cannot be reached",
    };
}
