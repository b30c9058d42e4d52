using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Health;

namespace Kubelink.Sidecar.Proxy;

/// <summary>
/// One open route: the upstream connection and the token a local caller must present. The token lives only here and in
/// the proxy kubeconfig. The route does not own the upstream: the cluster session does, so credential caches and
/// back-off survive a failed activation.
/// </summary>
internal sealed class ProxyRoute(string clusterId, UpstreamTransport upstream, IClusterLink? link = null)
{
    private readonly byte[] _token = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
    private UpstreamTransport _upstream = upstream;

    public string ClusterId { get; } = clusterId;

    /// <summary>
    /// Swapped by a reconnect (<see cref="Swap"/>) rather than replacing the route: a new route would mean a new token,
    /// and the proxy kubeconfig kubectl already holds would stop working. Read it once per request.
    /// </summary>
    public UpstreamTransport Upstream => Volatile.Read(ref _upstream);

    /// <summary>The cluster's health link, so a forwarding failure can ask for a probe (kubectl's errors count too).</summary>
    public IClusterLink? Link { get; } = link;

    public void Swap(UpstreamTransport upstream) => Volatile.Write(ref _upstream, upstream);

    public string Token => Encoding.ASCII.GetString(_token);

    /// <summary>Constant-time comparison, so the token cannot be guessed byte by byte from response times.</summary>
    public bool Accepts(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), _token);
}

/// <summary>The routes of connected clusters, by catalog id.</summary>
internal sealed class ProxyRoutes
{
    private readonly ConcurrentDictionary<string, ProxyRoute> _routes = new(StringComparer.Ordinal);

    public ProxyRoute? Find(string clusterId) => _routes.GetValueOrDefault(clusterId);

    /// <summary>The connected clusters now (the ClusterAccess source looks for management clusters among them).</summary>
    public IReadOnlyList<ProxyRoute> All => [.. _routes.Values];

    /// <summary>Raised after a route opened or closed (the ClusterAccess source re-reads its management clusters).</summary>
    public event Action? Changed;

    public void Open(ProxyRoute route)
    {
        _routes[route.ClusterId] = route;
        Changed?.Invoke();
    }

    public void Close(string clusterId)
    {
        if (_routes.TryRemove(clusterId, out _))
        {
            Changed?.Invoke();
        }
    }
}
