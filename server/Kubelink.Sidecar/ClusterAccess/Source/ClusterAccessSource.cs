using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.GraphQL.Execution;
using Kubelink.Sidecar.Proxy;
using Kubelink.Sidecar.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.ClusterAccess.Source;

/// <summary>
/// The cluster source <c>ClusterAccess</c> (docs/adding-a-source.md): the clusters registered by ClusterAccess objects in the
/// connected management clusters, connectable like any other (the tree shows them in the "GraphQL gateway" group). Read when
/// a cluster connects or disconnects, at <c>catalog/refresh</c> and every <see cref="Period"/> (which also retries a read
/// made before the new connection could answer); a management cluster that cannot be read keeps its last entries, one that
/// is disconnected takes them away.
/// </summary>
internal sealed partial class ClusterAccessSource(ProxyRoutes routes, IServiceProvider services, TimeProvider time, ILogger<ClusterAccessSource> logger)
    : BackgroundService, IClusterSource
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, ClusterAccessEntry> _known = new(StringComparer.Ordinal);

    public ClusterSourceKind Kind => ClusterSourceKind.ClusterAccess;

    public SourceSnapshot Current { get; private set; } = SourceSnapshot.Empty;

    /// <summary>Nothing is connected when the sidecar starts, so the first snapshot (empty) is known at once.</summary>
    public Task Ready => Task.CompletedTask;

    public event Func<SourceSnapshot, Task>? Changed;

    public Task RefreshAsync(CancellationToken cancellationToken) => ReadAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        void OnRoutesChanged() => _ = ReadQuietlyAsync(stoppingToken);
        routes.Changed += OnRoutesChanged;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await ReadQuietlyAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the host stops
        }
        finally
        {
            routes.Changed -= OnRoutesChanged;
        }
    }

    // Off the caller's thread (an activation opening its route): the read waits for the gate and calls the cluster.
    // A background read never throws: an exception escaping a BackgroundService stops the host, i.e. the sidecar.
    private async Task ReadQuietlyAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await ReadAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && stoppingToken.IsCancellationRequested)
        {
            // the host stops
        }
        catch (Exception e)
        {
            LogRoundFailed(logger, e);
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Resolved here, not injected: the catalog is built from the sources, this one included.
            var catalog = services.GetRequiredService<ClusterCatalog>();
            var known = new Dictionary<string, ClusterAccessEntry>(StringComparer.Ordinal);
            foreach (var route in routes.All.OrderBy(r => r.ClusterId, StringComparer.Ordinal))
            {
                var managementName = catalog.Current.Find(route.ClusterId)?.Name ?? route.ClusterId;
                IReadOnlyList<ClusterAccessEntry>? read;
                try
                {
                    using var http = route.Upstream.CreateDirectClient();
                    read = await ClusterAccessEntries.ReadAsync(new KubeRest(http, null), route.ClusterId, managementName, _known, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // Any failure of one management cluster (the network, its answer, or its credentials: an exec plugin
                    // or an EKS token that can no longer be made) keeps its last entries; the others are still read.
                    LogReadFailed(logger, managementName, e.Message);
                    var prefix = ClusterAccessEntries.Id(route.ClusterId, "");
                    read = _known.Values.Where(k => k.Entry.Id.StartsWith(prefix, StringComparison.Ordinal)).ToList();
                }
                foreach (var entry in read ?? [])
                {
                    known[entry.Entry.Id] = entry;
                }
            }
            _known = known;
            var targets = known.Values.Where(k => k.Target is not null).ToDictionary(k => k.Entry.Id, k => k.Target!, StringComparer.Ordinal);
            Current = new SourceSnapshot([.. known.Values.Select(k => k.Entry)], targets);
            await SourceEvents.RaiseAsync(Changed, Current).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(1321, LogLevel.Error, "A round of reading ClusterAccess objects failed; the next one runs as scheduled")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(1320, LogLevel.Warning, "Reading the ClusterAccess objects of {Management} failed (its entries stay as they were): {Message}")]
    private static partial void LogReadFailed(ILogger logger, string management, string message);
}
