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
        "unauthorized" => $"Credentials for user '{user ?? "(anonymous)"}' on {cluster} were rejected (401): log in again or refresh the kubeconfig. Kubelink keeps retrying.",
        "forbidden" => $"User '{user ?? "(anonymous)"}' may no longer read {cluster}'s health endpoints ({fault.Detail}): ask a cluster admin for access. Kubelink keeps retrying.",
        "credentials" => $"The credentials for {cluster} could not be obtained: {fault.Detail} Kubelink keeps retrying.",
        "kubeconfig" => $"{cluster}'s kubeconfig entry changed: {fault.Detail}",
        _ => $"Lost connection to {cluster}: {Short(fault)}. Reconnecting…",
    };

    /// <summary>The network cause as a few words, with a hint where the user can do something about it.</summary>
    private static string Short(ProbeResult fault) => fault.Cause switch
    {
        "refused" => "connection refused",
        "reset" => "connection reset",
        "timeout" => $"the API server did not answer ({fault.Detail})",
        "tls" => "TLS failed (check that the kubeconfig's certificate-authority matches the server)",
        "dns" => "the server name does not resolve (check the server URL, your VPN and your network)",
        "http" => $"the API server is not ready ({fault.Detail})",
        "network" => "this machine has no network connection",
        _ => fault.Detail ?? "the API server cannot be reached",
    };
}
