using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Kubeconfig;

namespace Kubelink.Sidecar.Clusters;

/// <summary>One cluster's connection: its latest <see cref="ClusterInfo"/> snapshot and the activation in flight.</summary>
internal sealed class ClusterSession(ResolvedContext context)
{
    private readonly object _gate = new();

    public string Id => Context.Id;

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
