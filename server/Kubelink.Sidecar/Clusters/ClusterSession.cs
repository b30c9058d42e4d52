using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Health;
using Kubelink.Sidecar.Kubeconfig;

namespace Kubelink.Sidecar.Clusters;

/// <summary>One cluster's connection: its latest <see cref="ClusterInfo"/> snapshot, the activation in flight, and the link that views use.</summary>
internal sealed class ClusterSession(ResolvedContext context) : IClusterLink
{
    private readonly object _gate = new();
    private Action<long, string>? _faultSink;

    public string Id => Context.Id;

    string IClusterLink.ClusterId => Id;

    private long _generation;

    /// <summary>Set by activation (first ready) and by the health monitor (each reconnect); read from any thread.</summary>
    public long Generation
    {
        get => Interlocked.Read(ref _generation);
        set => Interlocked.Exchange(ref _generation, value);
    }

    public ClusterHealth Health => Info.Health ?? new ClusterHealth
    {
        ClusterId = Id, State = HealthState.Ready, Cause = null, Message = null, Attempt = 0, NextRetryMs = null, Generation = Generation, Since = DateTimeOffset.UnixEpoch,
    };

    /// <summary>Where <see cref="ReportFault"/> goes: the health monitor, once one runs for this session.</summary>
    public Action<long, string>? FaultSink
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
    public void ReleaseFaultSink(Action<long, string> sink)
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

    public void ReportFault(long generation, string cause)
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

    public ResolvedContext Context { get; set; } = context;

    public ClusterInfo Info { get; private set; } = Disconnected(context.Id);

    /// <summary>The running or finished activation; a second connect joins it instead of starting another.</summary>
    public Task<ClusterInfo>? Activation { get; set; }

    public CancellationTokenSource Lifetime { get; set; } = new();

    public string? DefaultNamespaceOverride { get; set; }

    /// <summary>Namespaces configured by the user for this cluster; kept for refreshes.</summary>
    public IReadOnlyList<string>? AccessibleNamespaces { get; set; }

    private UpstreamTransport? _transport;
    private ResolvedContext? _transportContext;

    /// <summary>
    /// The upstream connection, kept across activations of the same kubeconfig entry so an exec plugin's cached token and
    /// failure back-off survive a reconnect; replaced when the entry changes (new server or credentials).
    /// </summary>
    public UpstreamTransport Transport(Func<ResolvedContext, UpstreamTransport> create)
    {
        lock (_gate)
        {
            if (_transport is null || !ReferenceEquals(_transportContext, Context) && _transportContext != Context)
            {
                _transport?.Dispose();
                _transport = create(Context);
                _transportContext = Context;
            }

            return _transport;
        }
    }

    /// <summary>
    /// A reconnect: a fresh connection pool for the same entry (credentials carried over), or a new transport when the
    /// entry changed. The old one is disposed so its pooled connections, and every client and watch on them, die with it.
    /// </summary>
    public UpstreamTransport RenewTransport(Func<ResolvedContext, UpstreamTransport> create)
    {
        lock (_gate)
        {
            // Deactivated meanwhile (the transport is disposed under this lock): a new one would be owned by nobody.
            var old = _transport ?? throw new InvalidOperationException($"Cluster '{Id}' is not connected.");
            var sameEntry = ReferenceEquals(_transportContext, Context) || _transportContext == Context;
            _transport = sameEntry ? old.Renew() : create(Context);
            _transportContext = Context;
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

    public string DefaultNamespace => DefaultNamespaceOverride ?? Context.Context.Value.Namespace ?? "default";

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
