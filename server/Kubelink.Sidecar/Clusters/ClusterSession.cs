using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Health;

namespace Kubelink.Sidecar.Clusters;

/// <summary>One cluster's connection: its latest <see cref="ClusterInfo"/> snapshot, the activation in flight, and the link that views use.</summary>
internal sealed class ClusterSession(CatalogEntry entry, ConnectionTarget target) : IClusterLink
{
    private readonly object _gate = new();
    private Action<long, FaultCause>? _faultSink;

    public string Id { get; } = entry.Id;

    string IClusterLink.ClusterId => Id;

    private long _generation;

    /// <summary>Moved by activation (first ready) and by the health monitor (each reconnect) through <see cref="NextGeneration"/>; read from any thread.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Starts the next generation atomically and returns it.</summary>
    public long NextGeneration() => Interlocked.Increment(ref _generation);

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
    public CatalogEntry Entry { get; set; } = entry;

    /// <summary>What the next (re)connect connects with; replaced when the catalog brings a different target.</summary>
    public ConnectionTarget Target { get; set; } = target;

    public ClusterInfo Info { get; private set; } = Disconnected(entry.Id);

    /// <summary>The running or finished activation; a second connect joins it instead of starting another.</summary>
    public Task<ClusterInfo>? Activation { get; set; }

    public CancellationTokenSource Lifetime { get; set; } = new();

    public string? DefaultNamespaceOverride { get; set; }

    /// <summary>Namespaces configured by the user for this cluster; kept for refreshes.</summary>
    public IReadOnlyList<string>? AccessibleNamespaces { get; set; }

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

    /// <summary>Replaces the snapshot; returns the new one.</summary>
    public ClusterInfo Update(Func<ClusterInfo, ClusterInfo> change)
    {
        lock (_gate)
        {
            Info = change(Info);
            return Info;
        }
    }

    public static ClusterInfo Disconnected(string id) => new()
    {
        Id = id,
        Status = ClusterStatus.Disconnected,
        Version = null,
        IsAdmin = false,
        CanWatchAll = false,
        Namespaces = [],
        NamespaceSource = null,
        ListableResources = [],
        PermissionsComplete = false,
        ProxyUrl = null,
        ProxyKubeconfigPath = null,
        DefaultNamespace = null,
        Error = null,
    };
}
