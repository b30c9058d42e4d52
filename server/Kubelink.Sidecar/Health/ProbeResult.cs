using Kubelink.Protocol.Clusters;

namespace Kubelink.Sidecar.Health;

/// <summary>What kind of failure a probe met: the network (retry and wait) or the credentials (log in again).</summary>
internal enum FaultKind
{
    None,
    Network,
    Auth,
}

/// <summary>One probe's verdict: healthy, or a fault with its cause (the contract's cause names) and the detail in words.</summary>
internal sealed record ProbeResult(FaultKind Kind, FaultCause? Cause, string? Detail)
{
    /// <summary>The AWS profile an SSO login would fix this fault for (see <see cref="ClusterHealth.SsoProfile"/>).</summary>
    public string? SsoProfile { get; init; }

    public static ProbeResult Healthy { get; } = new(FaultKind.None, null, null);

    public bool IsHealthy => Kind == FaultKind.None;

    public static ProbeResult Network(FaultCause cause, string detail) => new(FaultKind.Network, cause, detail);

    public static ProbeResult Auth(FaultCause cause, string detail) => new(FaultKind.Auth, cause, detail);
}
