using Kubelink.Protocol.Clusters;

namespace Kubelink.Sidecar.Health;

/// <summary>
/// The seam between a cluster's health monitor and everything that talks to the cluster over time (watch caches, views).
/// Every client is tied to a <see cref="Generation"/>: a fault reported with an old generation is ignored, so a late error
/// from a dead connection can never start a second reconnect (the seed's duplicate-reconnect bug).
/// </summary>
internal interface IClusterLink
{
    /// <summary>The catalog id.</summary>
    string ClusterId { get; }

    /// <summary>Grows by one at every successful (re)connect; 0 before the first.</summary>
    long Generation { get; }

    /// <summary>The current health (ready when no monitor has said otherwise).</summary>
    ClusterHealth Health { get; }

    /// <summary>
    /// An HTTP client straight to the API server over the current generation's transport, credentials attached, HTTP/2
    /// preferred. <paramref name="timeout"/> null means none (watches). The caller disposes it; it stops working when its
    /// generation's transport is replaced, which is the point.
    /// </summary>
    HttpClient CreateClient(TimeSpan? timeout = null);

    /// <summary>A request or watch on <paramref name="generation"/> failed in a way that may mean the connection is gone: probe now. Ignored for an old generation.</summary>
    void ReportFault(long generation, FaultCause cause);

    /// <summary>Raised when a new generation is ready after a reconnect: caches re-list and reset their views.</summary>
    event Action<long>? Recovered;

    /// <summary>Raised at every health transition (views mark their rows stale while not ready).</summary>
    event Action<ClusterHealth>? HealthChanged;
}
