using Kubelink.Protocol.Clusters;

namespace Kubelink.Sidecar.Clusters;

/// <summary>One change of a cluster's state: the whole snapshot, and a revision that orders changes of one cluster.</summary>
internal sealed record ClusterChange(long Revision, ClusterInfo Info);

/// <summary>
/// The one writer of a cluster's <see cref="ClusterInfo"/> and connection generation. Activation, the health monitor,
/// the metadata refresh and the RPC handlers say what happened (an intent) and this class alone decides what the
/// snapshot becomes, under one lock, so the generation moves with the status it belongs to and a reader never sees half
/// a change. Every change is raised as <see cref="Changed"/>, which <see cref="ClusterChangePublisher"/> pushes to the
/// extension as <c>cluster/changed</c> (decision 21).
/// </summary>
internal sealed class ClusterState(string id)
{
    private readonly object _gate = new();
    private ClusterInfo _info = Disconnected(id);
    private long _generation;
    private long _revision;

    /// <summary>Raised after each change, outside the lock; revisions tell a late raise from a newer one.</summary>
    public event Action<ClusterChange>? Changed;

    public ClusterInfo Info
    {
        get
        {
            lock (_gate)
            {
                return _info;
            }
        }
    }

    /// <summary>The connection generation: moved at the first ready and at each recovery, read from any thread.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public ClusterInfo Connecting() => Apply(i => i with { Status = ClusterStatus.Connecting });

    /// <summary>The refresh or deactivation that ends this connection.</summary>
    public ClusterInfo Disconnecting() => Apply(i => i with { Status = ClusterStatus.Disconnected });

    public ClusterInfo ProxyOpened(string proxyUrl, string kubeconfigPath, string defaultNamespace) =>
        Apply(i => i with { ProxyUrl = proxyUrl, ProxyKubeconfigPath = kubeconfigPath, DefaultNamespace = defaultNamespace, Error = null });

    public ClusterInfo Accessible(string version) => Apply(i => i with { Version = version, Status = ClusterStatus.Accessible });

    public ClusterInfo AccessChecked(bool isAdmin, bool canWatchAll, IReadOnlyList<string> namespaces, string? namespaceSource) =>
        Apply(i => i with { IsAdmin = isAdmin, CanWatchAll = canWatchAll, Namespaces = namespaces, NamespaceSource = namespaceSource });

    /// <summary>
    /// The permission map so far. The first call makes the cluster ready and starts the next generation in the same
    /// step: concurrent reviews may both find the first LIST-able kind, and only one of them may be "the" ready.
    /// </summary>
    public (ClusterInfo Info, bool BecameReady) PermissionsKnown(IReadOnlyList<ListableResource> listable, bool complete)
    {
        var becameReady = false;
        var info = Apply(i =>
        {
            becameReady = i.Status != ClusterStatus.Ready;
            if (becameReady)
            {
                Interlocked.Increment(ref _generation);
            }

            return i with { ListableResources = listable, PermissionsComplete = complete, Status = ClusterStatus.Ready };
        });
        return (info, becameReady);
    }

    public ClusterInfo Failed(string message) =>
        Apply(i => i with { Status = ClusterStatus.Failed, Error = message, ProxyUrl = null, ProxyKubeconfigPath = null });

    public ClusterInfo DefaultNamespaceSet(string defaultNamespace) => Apply(i => i with { DefaultNamespace = defaultNamespace });

    /// <summary>The server's version read again after a reconnect (it may have been upgraded while away).</summary>
    public ClusterInfo VersionRead(string version) => Apply(i => i with { Version = version });

    /// <summary>The metadata loop's reading; answers the snapshot before and after it, for its "changed" stage line.</summary>
    public (ClusterInfo Before, ClusterInfo After) MetadataRefreshed(string? version, int? nodeCount, string distribution, DateTimeOffset at)
    {
        ClusterInfo? before = null;
        var after = Apply(i =>
        {
            before = i;
            return i with { Version = version ?? i.Version, NodeCount = nodeCount, Distribution = distribution, MetadataRefreshedAt = at };
        });
        return (before!, after);
    }

    /// <summary>A recovery: the next generation starts (health published afterwards carries it).</summary>
    public long Recovered()
    {
        lock (_gate)
        {
            return Interlocked.Increment(ref _generation);
        }
    }

    /// <summary>A health transition, made from the previous health and the generation under the same lock.</summary>
    public ClusterHealth HealthApplied(Func<ClusterHealth?, long, ClusterHealth> next)
    {
        ClusterHealth? health = null;
        Apply(i => i with { Health = health = next(i.Health, Generation) });
        return health!;
    }

    private ClusterInfo Apply(Func<ClusterInfo, ClusterInfo> change)
    {
        ClusterChange done;
        lock (_gate)
        {
            _info = change(_info);
            done = new ClusterChange(++_revision, _info);
        }

        Changed?.Invoke(done);
        return done.Info;
    }

    /// <summary>The state of a cluster that is not connected (never was, or was disconnected).</summary>
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
