using System.Threading.Channels;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Health;
using Kubelink.Sidecar.Kube;

namespace Kubelink.Sidecar.Tests.Resources;

/// <summary>
/// The real session's transport, isolated from its health: faults are recorded, not forwarded, and health stays ready,
/// so the cache is in the blip case (cluster ready, same generation) however a health monitor would judge the refusal.
/// The generation is the one at construction: the session's real monitor may reconnect meanwhile and move its own.
/// </summary>
internal sealed class IsolatedLink(IClusterLink inner) : IClusterLink
{
    private readonly long _generation = inner.Generation;

    public Channel<(long Generation, string Cause)> Faults { get; } = Channel.CreateUnbounded<(long, string)>();

    public string ClusterId => inner.ClusterId;

    public long Generation => _generation;

    public ClusterHealth Health => new()
    {
        ClusterId = inner.ClusterId, State = HealthState.Ready, Cause = null, Message = null, Attempt = 0, NextRetryMs = null, Generation = _generation, Since = DateTimeOffset.UnixEpoch,
    };

    public HttpClient CreateClient(TimeSpan? timeout = null) => inner.CreateClient(timeout);

    public void ReportFault(long generation, FaultCause cause) => Faults.Writer.TryWrite((generation, cause.ToWire()));

    public event Action<long>? Recovered
    {
        add { }
        remove { }
    }

    public event Action<ClusterHealth>? HealthChanged
    {
        add { }
        remove { }
    }
}
