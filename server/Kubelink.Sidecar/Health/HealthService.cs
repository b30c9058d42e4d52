using System.Collections.Concurrent;
using System.Net.NetworkInformation;
using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Protocol.Lifecycle;
using Kubelink.Sidecar.Clusters;
using Kubelink.Sidecar.Sources;
using Kubelink.Sidecar.Lifecycle;
using Kubelink.Sidecar.Rpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Health;

/// <summary>
/// The health monitors by cluster id: one per connected cluster, started at its first ready and ended with the session's
/// lifetime (deactivate, refresh, shutdown). Machine-wide events fan out from here: a kubeconfig edit to the clusters whose
/// entry changed, a network change to all of them.
/// </summary>
internal sealed class HealthService : ISettingsConsumer, IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<string, ClusterMonitor> _monitors = new(StringComparer.Ordinal);
    private readonly HealthPublisher _publisher;
    private readonly Reconnector _reconnector;
    private readonly HealthClock _clock;
    private readonly ClusterCatalog _catalog;
    private readonly ILogger<HealthService> _logger;
    private readonly CancellationTokenSource _shutdown = new();
    private int _watchingNetwork;
    private HealthTiming _timing;

    public HealthService(HealthPublisher publisher, Reconnector reconnector, HealthClock clock, ClusterCatalog catalog, SessionState state, ILogger<HealthService> logger)
    {
        _publisher = publisher;
        _reconnector = reconnector;
        _clock = clock;
        _catalog = catalog;
        _logger = logger;
        _timing = HealthTiming.From(state.Settings);
        catalog.Changed += OnCatalogChanged;
    }

    /// <summary>Settings apply from each monitor's next tick.</summary>
    public void Apply(SidecarSettings settings) => Volatile.Write(ref _timing, HealthTiming.From(settings));

    /// <summary>Starts the monitor of a session that just became ready (it ends with the session's lifetime).</summary>
    public void Start(ClusterSession session)
    {
        // Subscribed with the first cluster, not at start-up: on Linux it opens a netlink socket and a thread, which an
        // idle sidecar does not need.
        if (Interlocked.Exchange(ref _watchingNetwork, 1) == 0)
        {
            NetworkChange.NetworkAddressChanged += OnNetworkChanged;
        }

        // The session's lifetime ends it (deactivate, refresh); so does the sidecar's, or it would go on reconnecting.
        var lifetime = CancellationTokenSource.CreateLinkedTokenSource(session.Lifetime.Token, _shutdown.Token);
        var monitor = new ClusterMonitor(session, _publisher, _reconnector, _clock, () => Volatile.Read(ref _timing), _logger, lifetime.Token);
        _monitors[session.Id] = monitor;
        monitor.Start();
        _ = monitor.Completion.ContinueWith(
            _ =>
            {
                _monitors.TryRemove(KeyValuePair.Create(session.Id, monitor));
                lifetime.Dispose();
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
    }

    public ClusterMonitor? Find(string clusterId) => _monitors.GetValueOrDefault(clusterId);

    /// <summary><c>cluster/reconnect</c>.</summary>
    public Task<ClusterHealth> ReconnectAsync(string clusterId) =>
        (Find(clusterId) is { Completion.IsCompleted: false } monitor ? monitor.ReconnectNowAsync() : null)
        ?? throw NotConnected(clusterId);

    // An unknown id answers ClusterNotFound (from the catalog), as every other cluster method does.
    private Exception NotConnected(string clusterId)
    {
        _ = _catalog.Resolve(clusterId);
        return RpcErrors.Create(ErrorCodes.ClusterNotReady, $"Cluster '{clusterId}' is not connected, so there is nothing to reconnect. Connect it first (cluster/activate).");
    }

    private void OnCatalogChanged(CatalogSnapshot snapshot, CatalogChangedParams change)
    {
        foreach (var monitor in _monitors.Values)
        {
            var id = monitor.Session.Id;
            if (snapshot.Targets.TryGetValue(id, out var target) && snapshot.Find(id) is { } valid)
            {
                // Targets are values: equal exactly when the connection would be the same (server, CA, TLS, proxy, credentials).
                if (monitor.EntryMissing || target != monitor.Session.Target)
                {
                    monitor.EntryChanged(new Connectable(valid, target), null);
                }
            }
            else
            {
                var entry = snapshot.Find(id);
                monitor.EntryChanged(null, entry?.Error?.Message ?? "the entry is no longer in the catalog");
            }
        }
    }

    /// <summary>
    /// VPN up or down, Wi-Fi switched: pooled connections may now lead nowhere. A probe over them tells at once; the
    /// transport is renewed only if it fails, because the event also fires for harmless changes (a container's veth).
    /// </summary>
    public void NetworkChanged()
    {
        foreach (var monitor in _monitors.Values)
        {
            monitor.Nudge(Nudges.Network);
        }
    }

    private void OnNetworkChanged(object? sender, EventArgs e) => NetworkChanged();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The sidecar is stopping: every monitor ends (sessions outlive the host's stop, their monitors must not).</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _shutdown.CancelAsync();

    public void Dispose()
    {
        if (Volatile.Read(ref _watchingNetwork) == 1)
        {
            NetworkChange.NetworkAddressChanged -= OnNetworkChanged;
        }

        _catalog.Changed -= OnCatalogChanged;
    }
}
