using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Health;

namespace Kubelink.Sidecar.Clusters;

/// <summary>
/// One cluster's connection: its state (written only through <see cref="State"/>'s intents), the activation in flight,
/// and the link that views use. What it connects with changes only through <see cref="BeginActivation"/> and
/// <see cref="Retarget"/>, so no other file assigns a session's fields.
/// </summary>
internal sealed class ClusterSession(CatalogEntry entry, ConnectionTarget target) : IClusterLink
{
    private readonly object _gate = new();
    private Action<long, FaultCause>? _faultSink;

    public string Id { get; } = entry.Id;

    string IClusterLink.ClusterId => Id;

    /// <summary>The one writer of this cluster's <see cref="ClusterInfo"/> and generation.</summary>
    public ClusterState State { get; } = new(entry.Id);

    /// <summary>Moved by <see cref="State"/> only: at the first ready and at each recovery.</summary>
    public long Generation => State.Generation;

    public ClusterHealth Health => Info.Health ?? new ClusterHealth
    {
        ClusterId = Id, State = HealthState.Ready, Cause = null, Message = null, Attempt = 0, NextRetryMs = null, Generation = Generation, Since = DateTimeOffset.UnixEpoch,
    };

    /// <summary>Where <see cref="ReportFault"/> goes: the health monitor, once one runs for this session.</summary>
    public Action<long, FaultCause>? FaultSink
    {
        get
        {
            lock (_gate)
            {
                return _faultSink;
            }
        }

        set
        {
            lock (_gate)
            {
                _faultSink = value;
            }
        }
    }

    /// <summary>Clears <see cref="FaultSink"/> only if it is still <paramref name="sink"/>: after a refresh the new monitor's must stay.</summary>
    public void ReleaseFaultSink(Action<long, FaultCause> sink)
    {
        lock (_gate)
        {
            if (_faultSink == sink)
            {
                _faultSink = null;
            }
        }
    }

    public event Action<long>? Recovered;

    public event Action<ClusterHealth>? HealthChanged;

    public void ReportFault(long generation, FaultCause cause)
    {
        if (generation == Generation)
        {
            FaultSink?.Invoke(generation, cause);
        }
    }

    public HttpClient CreateClient(TimeSpan? timeout = null)
    {
        UpstreamTransport transport;
        lock (_gate)
        {
            transport = _transport ?? throw new InvalidOperationException($"Cluster '{Id}' is not connected.");
        }

        var client = transport.CreateDirectClient();
        client.Timeout = timeout ?? Timeout.InfiniteTimeSpan;
        return client;
    }

    public void RaiseRecovered(long generation) => Recovered?.Invoke(generation);

    public void RaiseHealthChanged(ClusterHealth health) => HealthChanged?.Invoke(health);

    /// <summary>The catalog entry the session was connected from (its name, user and namespace for messages and the proxy kubeconfig).</summary>
    public CatalogEntry Entry { get; private set; } = entry;

    /// <summary>What the next (re)connect connects with; replaced when the catalog brings a different target.</summary>
    public ConnectionTarget Target { get; private set; } = target;

    public ClusterInfo Info => State.Info;

    /// <summary>The running or finished activation; a second connect joins it instead of starting another.</summary>
    public Task<ClusterInfo>? Activation { get; private set; }

    public CancellationTokenSource Lifetime { get; private set; } = new();

    public string? DefaultNamespaceOverride { get; private set; }

    /// <summary>Namespaces configured by the user for this cluster; kept for refreshes.</summary>
    public IReadOnlyList<string>? AccessibleNamespaces { get; private set; }

    /// <summary>
    /// A new activation with the catalog's current entry and target, under a new lifetime (the caller ended the old
    /// one). Namespaces given by the user replace the kept ones; none keeps them.
    /// </summary>
    public Task<ClusterInfo> BeginActivation(CatalogEntry current, ConnectionTarget currentTarget, IReadOnlyList<string>? accessibleNamespaces, Func<ClusterSession, CancellationToken, Task<ClusterInfo>> activate)
    {
        Entry = current;
        Target = currentTarget;
        AccessibleNamespaces = accessibleNamespaces is { Count: > 0 } ? accessibleNamespaces : AccessibleNamespaces;
        Lifetime = new CancellationTokenSource();
        Activation = activate(this, Lifetime.Token);
        return Activation;
    }

    /// <summary>The catalog brought a different target for this connected cluster: the monitor's next attempt uses it.</summary>
    public void Retarget(CatalogEntry current, ConnectionTarget currentTarget)
    {
        Entry = current;
        Target = currentTarget;
    }

    /// <summary>The user's default namespace (null: the entry's); the snapshot takes the resulting one.</summary>
    public ClusterInfo OverrideDefaultNamespace(string? ns)
    {
        DefaultNamespaceOverride = ns;
        return State.DefaultNamespaceSet(DefaultNamespace);
    }

    private UpstreamTransport? _transport;
    private ConnectionTarget? _transportTarget;

    /// <summary>
    /// The upstream connection, kept across activations of the same target so an exec plugin's cached token and
    /// failure back-off survive a reconnect; replaced when the target changes (new server, CA or credentials).
    /// </summary>
    public UpstreamTransport Transport(Func<ConnectionTarget, UpstreamTransport> create)
    {
        lock (_gate)
        {
            if (_transport is null || _transportTarget != Target)
            {
                _transport?.Dispose();
                _transport = create(Target);
                _transportTarget = Target;
            }

            return _transport;
        }
    }

    /// <summary>
    /// A reconnect: a fresh connection pool for the same target (credentials carried over), or a new transport when the
    /// target changed. The old one is disposed so its pooled connections, and every client and watch on them, die with it.
    /// </summary>
    public UpstreamTransport RenewTransport(Func<ConnectionTarget, UpstreamTransport> create)
    {
        lock (_gate)
        {
            // Deactivated meanwhile (the transport is disposed under this lock): a new one would be owned by nobody.
            var old = _transport ?? throw new InvalidOperationException($"Cluster '{Id}' is not connected.");
            _transport = _transportTarget == Target ? old.Renew() : create(Target);
            _transportTarget = Target;
            old.Dispose();
            return _transport;
        }
    }

    /// <summary>Drops a cached credential after a 401, so the next attempt asks the exec plugin (or token file) again.</summary>
    public void InvalidateCredentials()
    {
        lock (_gate)
        {
            _transport?.Credentials.Invalidate();
        }
    }

    public void DisposeTransport()
    {
        lock (_gate)
        {
            _transport?.Dispose();
            _transport = null;
        }
    }

    public string DefaultNamespace => DefaultNamespaceOverride ?? Entry.Namespace ?? "default";
}
